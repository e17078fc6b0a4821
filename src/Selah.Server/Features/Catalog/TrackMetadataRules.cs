using Selah.Contracts.Catalog;

namespace Selah.Server.Features.Catalog;

/// <summary>Checks of <see cref="TrackMetadataRequest"/> beyond its data annotations, each naming the field at fault.</summary>
public static class TrackMetadataRules
{
    public const int MaxThemeLength = 60;
    public const int MaxCreditLength = 200;

    public static (string Field, string Message)? FirstError(TrackMetadataRequest request)
    {
        if (request.Title is { } title && string.IsNullOrWhiteSpace(title))
        {
            return ("title", "Title must not be empty.");
        }

        if (request.Themes?.FirstOrDefault(t => string.IsNullOrWhiteSpace(t) || t.Trim().Length > MaxThemeLength) is { } theme)
        {
            return ("themes", $"Each theme must be 1–{MaxThemeLength} characters; '{Shorten(theme)}' is not.");
        }

        if (request.Credits?.FirstOrDefault(c => string.IsNullOrWhiteSpace(c) || c.Trim().Length > MaxCreditLength) is { } credit)
        {
            return ("credits", $"Each credit must be 1–{MaxCreditLength} characters; '{Shorten(credit)}' is not.");
        }

        if (request.ScriptureReferences?.FirstOrDefault(r => r is null || !OsisReferences.IsValid(r.Trim())) is { } reference)
        {
            return ("scriptureReferences", $"'{Shorten(reference)}' is not an OSIS reference such as Ps.23, John.3.16 or Rom.8.28-Rom.8.39.");
        }

        if (request.SyncedLyrics is { } synced && SyncedLyrics.FirstInvalidLine(synced) is { } line)
        {
            return ("syncedLyrics", $"Line {line} is not LRC: each line must start with a time tag like [01:23.45] or be a tag like [ar:Artist].");
        }

        if (request.SyncedLyrics is { } tagged && SyncedLyrics.FirstInvalidVerseTag(tagged) is { } verseTag)
        {
            return ("syncedLyrics", verseTag.Message);
        }

        return null;
    }

    /// <summary>Matches each name or slug (case-insensitive) to a row; false with the first unknown one.</summary>
    public static bool TryResolve<T>(IReadOnlyList<T> all, IEnumerable<string> wanted, Func<T, string> name, Func<T, string> slug,
        out List<T> found, out string? unknown)
    {
        found = [];
        unknown = null;
        foreach (var text in wanted)
        {
            var key = (text ?? "").Trim();
            var match = all.FirstOrDefault(x => string.Equals(name(x), key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(slug(x), key, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                unknown = Shorten(key);
                return false;
            }

            if (!found.Contains(match))
            {
                found.Add(match);
            }
        }

        return true;
    }

    /// <summary>Trimmed, without blanks and duplicates, in the order given.</summary>
    public static List<string> Clean(IEnumerable<string> values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
