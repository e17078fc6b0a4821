using System.Text;

namespace Selah.Server.Features.Worship.ChordPro;

/// <summary>Writes a <see cref="ChordSheet"/> back to ChordPro: unchanged lines as written, chords as (re)spelled.</summary>
public static class ChordProWriter
{
    public static string Write(ChordSheet sheet)
    {
        var builder = new StringBuilder();
        foreach (var line in sheet.Lines)
        {
            switch (line)
            {
                case EmptyLine:
                    break;
                case RemarkLine remark:
                    builder.Append(remark.Text);
                    break;
                case VerbatimLine verbatim:
                    builder.Append(verbatim.Text);
                    break;
                case DirectiveLine directive:
                    builder.Append(directive.Changed ? $"{{{directive.WrittenName}: {directive.Value}}}" : directive.Raw);
                    break;
                case LyricsLine lyrics:
                    foreach (var segment in lyrics.Segments)
                    {
                        if (segment.ChordText is not null)
                        {
                            builder.Append('[').Append(segment.Chord?.ToString() ?? segment.ChordText).Append(']');
                        }

                        builder.Append(segment.Lyrics);
                    }

                    break;
            }

            builder.Append('\n');
        }

        return builder.ToString();
    }
}
