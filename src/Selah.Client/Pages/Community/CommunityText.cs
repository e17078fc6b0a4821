using System.Globalization;

namespace Selah.Client.Pages.Community;

/// <summary>Words and links the community pages share: type names, scripture references, relative times.</summary>
public static class CommunityText
{
    public static readonly IReadOnlyList<(string Value, string Label)> PostTypes =
    [
        ("prayerRequest", "Prayer request"), ("testimony", "Testimony"), ("praiseReport", "Praise report"),
        ("question", "Question"), ("general", "General"), ("announcement", "Announcement"),
    ];

    public static string TypeLabel(string type) => PostTypes.FirstOrDefault(t => t.Value == type).Label ?? type;

    public static string TypeIcon(string type) => type switch
    {
        "prayerRequest" => MudBlazor.Icons.Material.Outlined.VolunteerActivism,
        "testimony" => MudBlazor.Icons.Material.Outlined.AutoStories,
        "praiseReport" => MudBlazor.Icons.Material.Outlined.Celebration,
        "question" => MudBlazor.Icons.Material.Outlined.HelpOutline,
        "announcement" => MudBlazor.Icons.Material.Outlined.Campaign,
        _ => MudBlazor.Icons.Material.Outlined.Forum,
    };

    public static string ReactionLabel(string kind) => kind switch
    {
        "amen" => "Amen",
        "praying" => "Praying",
        "love" => "Love",
        _ => "Like",
    };

    public static string ReactionIcon(string kind) => kind switch
    {
        "amen" => MudBlazor.Icons.Material.Outlined.SelfImprovement,
        "praying" => MudBlazor.Icons.Material.Outlined.VolunteerActivism,
        "love" => MudBlazor.Icons.Material.Outlined.FavoriteBorder,
        _ => MudBlazor.Icons.Material.Outlined.ThumbUp,
    };

    public static int ReactionCount(Selah.Contracts.Community.ReactionCounts counts, string kind) => kind switch
    {
        "amen" => counts.Amen,
        "praying" => counts.Praying,
        "love" => counts.Love,
        _ => counts.Like,
    };

    /// <summary>The reader's chapter for an OSIS reference: <c>John.3.16-John.3.18</c> → <c>/bible/kjv/John.3</c>.</summary>
    public static string ScriptureHref(string osis)
    {
        var parts = osis.Split('-')[0].Split('.');
        return parts.Length >= 2 ? $"/bible/kjv/{parts[0]}.{parts[1]}" : $"/bible/kjv/{parts[0]}.1";
    }

    /// <summary><c>John.3.16-John.3.18</c> → "John 3:16–18"; <c>Ps.23</c> → "Ps 23".</summary>
    public static string ScriptureLabel(string osis)
    {
        var ends = osis.Split('-');
        var start = ends[0].Split('.');
        var text = start.Length switch
        {
            1 => start[0],
            2 => $"{start[0]} {start[1]}",
            _ => $"{start[0]} {start[1]}:{start[2]}",
        };
        if (ends.Length < 2)
        {
            return text;
        }

        var end = ends[1].Split('.');
        var tail = end.Length >= 3 && end[0] == start[0] && start.Length >= 2 && end[1] == start[1] ? end[2]
            : end.Length >= 2 && end[0] == start[0] ? string.Join(':', end.Skip(1))
            : string.Join(' ', end[0], string.Join(':', end.Skip(1))).Trim();
        return $"{text}–{tail}";
    }

    public static string Ago(DateTimeOffset when, DateTimeOffset now)
    {
        var span = now - when;
        return span.TotalMinutes < 1 ? "just now"
            : span.TotalHours < 1 ? $"{(int)span.TotalMinutes} min ago"
            : span.TotalDays < 1 ? $"{(int)span.TotalHours} h ago"
            : span.TotalDays < 7 ? $"{(int)span.TotalDays} d ago"
            : when.ToLocalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture);
    }

    public static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n.ToString(CultureInfo.InvariantCulture)} {many}";
}
