using System.Globalization;
using System.Text.RegularExpressions;

namespace Selah.Client.Components.Player;

/// <summary>One line of synced lyrics: when it starts (seconds) and its words.</summary>
public sealed record LrcLine(double Time, string Text);

/// <summary>Parses LRC (<c>[mm:ss.xx]words</c>, several stamps per line allowed, <c>[offset:+/-ms]</c> honoured).</summary>
public static partial class Lrc
{
    public static IReadOnlyList<LrcLine> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var offset = 0.0;
        var lines = new List<LrcLine>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var tag = OffsetTag().Match(line);
            if (tag.Success)
            {
                offset = int.Parse(tag.Groups[1].Value, CultureInfo.InvariantCulture) / 1000.0;
                continue;
            }

            var stamps = Stamp().Matches(line);
            if (stamps.Count == 0)
            {
                continue;
            }

            var words = line[(stamps[^1].Index + stamps[^1].Length)..].Trim();
            foreach (Match stamp in stamps)
            {
                var minutes = int.Parse(stamp.Groups[1].Value, CultureInfo.InvariantCulture);
                var seconds = double.Parse(stamp.Groups[2].Value.Replace(':', '.'), CultureInfo.InvariantCulture);
                lines.Add(new LrcLine(Math.Max(0, minutes * 60 + seconds - offset), words));
            }
        }

        return [.. lines.OrderBy(l => l.Time)];
    }

    /// <summary>The index of the line being sung at <paramref name="position"/>, or -1 before the first.</summary>
    public static int ActiveIndex(IReadOnlyList<LrcLine> lines, double position)
    {
        var active = -1;
        for (var i = 0; i < lines.Count && lines[i].Time <= position + 0.15; i++)
        {
            active = i;
        }

        return active;
    }

    [GeneratedRegex(@"\[(\d{1,3}):(\d{1,2}(?:[.:]\d{1,3})?)\]")]
    private static partial Regex Stamp();

    [GeneratedRegex(@"^\s*\[offset:\s*([+-]?\d+)\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetTag();
}
