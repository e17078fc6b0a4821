using System.Text.RegularExpressions;

namespace Selah.Server.Features.Catalog;

/// <summary>
/// LRC checks: every non-empty line starts with a <c>[mm:ss.xx]</c> time tag or is an ID tag such as <c>[ar:…]</c>.
/// Selah's own tag <c>[bible:OSIS]</c> on its own line ties a verse (or passage) to the timed line above it: the player
/// shows it when that line is sung. Other LRC players ignore it as an unknown ID tag.
/// </summary>
public static partial class SyncedLyrics
{
    /// <summary>A verse tied to a lyric line: the line's time (seconds, offset applied) and 1-based line number.</summary>
    public sealed record VerseCue(double Time, int Line, string Osis);

    [GeneratedRegex(@"^\[bible:\s*([^\]]*?)\s*\]$", RegexOptions.IgnoreCase)]
    private static partial Regex BibleTag();

    [GeneratedRegex(@"^\[([0-9]{1,3}):([0-5]?[0-9](?:[.:][0-9]{1,3})?)\]")]
    private static partial Regex Stamp();

    [GeneratedRegex(@"^\[offset:\s*([+-]?[0-9]+)\s*\]$", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetTag();

    /// <summary>The 1-based number and message of the first <c>[bible:…]</c> tag that is not a valid OSIS reference or follows no timed line.</summary>
    public static (int Line, string Message)? FirstInvalidVerseTag(string lrc)
    {
        var lines = lrc.Split('\n');
        var timed = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (TimeTag().IsMatch(line))
            {
                timed = true;
            }
            else if (BibleTag().Match(line) is { Success: true } tag)
            {
                var osis = tag.Groups[1].Value;
                if (osis.Length > 60 || !OsisReferences.IsValid(osis))
                {
                    return (i + 1, $"line {i + 1}: '{osis}' is not an OSIS reference such as Ps.23.1 or John.3.16-John.3.17.");
                }

                if (!timed)
                {
                    return (i + 1, $"line {i + 1}: a [bible:…] tag ties its verse to the timed line above it, and there is none.");
                }
            }
        }

        return null;
    }

    /// <summary>The verses tied to lines, in the order of the lyrics: each <c>[bible:…]</c> tag takes the time of the timed line above it.</summary>
    public static IReadOnlyList<VerseCue> VerseCues(string? lrc)
    {
        if (string.IsNullOrWhiteSpace(lrc))
        {
            return [];
        }

        var cues = new List<VerseCue>();
        var offset = 0.0;
        (double Time, int Line)? last = null;
        var lines = lrc.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (OffsetTag().Match(line) is { Success: true } shift)
            {
                offset = int.Parse(shift.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) / 1000.0;
            }
            else if (Stamp().Match(line) is { Success: true } stamp)
            {
                var minutes = int.Parse(stamp.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var seconds = double.Parse(stamp.Groups[2].Value.Replace(':', '.'), System.Globalization.CultureInfo.InvariantCulture);
                last = (Math.Max(0, (minutes * 60) + seconds - offset), i + 1);
            }
            else if (BibleTag().Match(line) is { Success: true } tag && last is { } at && OsisReferences.IsValid(tag.Groups[1].Value))
            {
                cues.Add(new VerseCue(Math.Round(at.Time, 3), at.Line, tag.Groups[1].Value));
            }
        }

        return cues;
    }

    [GeneratedRegex(@"^\[[0-9]{1,3}:[0-5][0-9]([.:][0-9]{1,3})?\]")]
    private static partial Regex TimeTag();

    [GeneratedRegex(@"^\[[A-Za-z#]+:[^\]]*\]$")]
    private static partial Regex IdTag();

    /// <returns>The 1-based number of the first line that is neither, or null when the text is valid LRC.</returns>
    public static int? FirstInvalidLine(string lrc)
    {
        var lines = lrc.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length > 0 && !TimeTag().IsMatch(line) && !IdTag().IsMatch(line))
            {
                return i + 1;
            }
        }

        return null;
    }
}
