using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>
/// A user's notification preferences (one row, created on the first change; absent means the defaults). Only the
/// channel switches the user set are stored (<see cref="ChannelsJson"/>), so new types get their defaults.
/// </summary>
public sealed class NotificationSettings
{
    public Guid UserId { get; set; }
    /// <summary><c>{"comment":{"email":false}, …}</c>: explicit switches only.</summary>
    public string ChannelsJson { get; set; } = "{}";
    public string EmailMode { get; set; } = NotificationPreferences.DefaultEmailMode;
    public int DigestHour { get; set; } = NotificationPreferences.DefaultDigestHour;
    public string? TimeZone { get; set; }
    /// <summary>Minutes after local midnight; both null when there are no quiet hours.</summary>
    public int? QuietStartMinute { get; set; }
    public int? QuietEndMinute { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> builder)
    {
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.ChannelsJson).HasMaxLength(4000);
        builder.Property(s => s.EmailMode).HasMaxLength(16);
        builder.Property(s => s.TimeZone).HasMaxLength(64);
    }
}

/// <summary>Effective preferences of one user: defaults, their switches, and the clock rules (quiet hours, digest time).</summary>
public sealed class NotificationPreferences
{
    public const string DefaultEmailMode = EmailModes.DailyDigest;
    public const int DefaultDigestHour = 7;

    /// <summary>Types a user can configure, in the order the settings page shows them.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        NotificationTypes.Comment, NotificationTypes.Reply, NotificationTypes.Mention, NotificationTypes.Prayed, NotificationTypes.Reaction,
        NotificationTypes.Follow, NotificationTypes.GroupJoinRequest, NotificationTypes.GroupJoinApproved, NotificationTypes.Moderation,
        NotificationTypes.GroupInvite, NotificationTypes.NewRelease,
    ];

    /// <summary>
    /// Reactions and new followers are frequent and low-stakes: in-app only unless the user asks for more. New releases
    /// are in-app and push (the way music apps tell them), not email.
    /// </summary>
    public static bool Default(string type, string channel) => channel switch
    {
        NotificationChannels.InApp => true,
        NotificationChannels.Email when type == NotificationTypes.NewRelease => false,
        _ => type is not (NotificationTypes.Reaction or NotificationTypes.Follow),
    };

    private readonly Dictionary<string, Dictionary<string, bool>> _switches;

    private NotificationPreferences(NotificationSettings? row, string? profileTimeZone)
    {
        _switches = row is null ? [] : Parse(row.ChannelsJson);
        EmailMode = row?.EmailMode ?? DefaultEmailMode;
        DigestHour = row?.DigestHour ?? DefaultDigestHour;
        TimeZoneId = row?.TimeZone ?? (profileTimeZone is { } p && TryFindZone(p, out _) ? p : "UTC");
        Zone = TryFindZone(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
        QuietStart = row?.QuietStartMinute;
        QuietEnd = row?.QuietEndMinute;
    }

    public string EmailMode { get; }
    public int DigestHour { get; }
    public string TimeZoneId { get; }
    public TimeZoneInfo Zone { get; }
    public int? QuietStart { get; }
    public int? QuietEnd { get; }

    public static async Task<NotificationPreferences> LoadAsync(SelahDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var row = db.NotificationSettings.Local.FirstOrDefault(s => s.UserId == userId)
            ?? await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        var profileZone = await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(cancellationToken);
        return new NotificationPreferences(row, profileZone);
    }

    public static NotificationPreferences From(NotificationSettings? row, string? profileTimeZone) => new(row, profileTimeZone);

    public bool Allows(string type, string channel)
    {
        if (channel == NotificationChannels.Email && EmailMode == EmailModes.Off)
        {
            return false;
        }

        return _switches.TryGetValue(type, out var channels) && channels.TryGetValue(channel, out var on) ? on : Default(type, channel);
    }

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Matrix() =>
        Types.ToDictionary(t => t, t => (IReadOnlyDictionary<string, bool>)NotificationChannels.All.ToDictionary(
            c => c, c => _switches.TryGetValue(t, out var cs) && cs.TryGetValue(c, out var on) ? on : Default(t, c)));

    /// <summary>When quiet hours hold email and push sent at <paramref name="now"/>: the end of the quiet period, else null.</summary>
    public DateTimeOffset? QuietUntil(DateTimeOffset now)
    {
        if (QuietStart is not { } start || QuietEnd is not { } end || start == end)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, Zone);
        var minute = local.Hour * 60 + local.Minute;
        var quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
        if (!quiet)
        {
            return null;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (start > end && minute >= start)
        {
            endDate = endDate.AddDays(1); // spans midnight and it is still the evening
        }

        return AtLocal(endDate, end);
    }

    /// <summary>The next digest time after <paramref name="now"/>: <see cref="DigestHour"/> in the user's zone, moved past quiet hours.</summary>
    public DateTimeOffset NextDigest(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, Zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var at = AtLocal(date, DigestHour * 60);
        if (at <= now)
        {
            at = AtLocal(date.AddDays(1), DigestHour * 60);
        }

        return QuietUntil(at) ?? at;
    }

    private DateTimeOffset AtLocal(DateOnly date, int minuteOfDay)
    {
        var local = date.ToDateTime(new TimeOnly(minuteOfDay / 60, minuteOfDay % 60));
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30); // skipped by a daylight-saving jump: the first real minute after it
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static bool TryFindZone(string id, out TimeZoneInfo zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            zone = TimeZoneInfo.Utc;
            return false;
        }
    }

    internal static Dictionary<string, Dictionary<string, bool>> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, bool>>>(json) ?? [];
}
