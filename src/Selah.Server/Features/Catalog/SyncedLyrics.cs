using System.Text.RegularExpressions;

namespace Selah.Server.Features.Catalog;

/// <summary>LRC checks: every non-empty line starts with a <c>[mm:ss.xx]</c> time tag or is an ID tag such as <c>[ar:…]</c>.</summary>
public static partial class SyncedLyrics
{
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
