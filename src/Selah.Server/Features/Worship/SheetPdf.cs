using Selah.Contracts.Worship;
using SkiaSharp;

namespace Selah.Server.Features.Worship;

/// <summary>Draws a rendered sheet as an A4 PDF (SkiaSharp's PDF backend): title, key line, sections, chords above lyrics.</summary>
public static class SheetPdf
{
    private const float PageWidth = 595;
    private const float PageHeight = 842;
    private const float Margin = 48;
    private const string Sans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    private const string SansBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    public static byte[] Render(RenderedSheetResponse sheet, string? footer)
    {
        using var regular = File.Exists(Sans) ? SKTypeface.FromFile(Sans) : SKTypeface.Default;
        using var bold = File.Exists(SansBold) ? SKTypeface.FromFile(SansBold) : SKTypeface.Default;
        using var titleFont = new SKFont(bold, 20);
        using var metaFont = new SKFont(regular, 10);
        using var labelFont = new SKFont(bold, 11);
        using var chordFont = new SKFont(bold, 11);
        using var lyricFont = new SKFont(regular, 12);
        using var mono = SKTypeface.FromFamilyName("DejaVu Sans Mono") ?? SKTypeface.Default;
        using var monoFont = new SKFont(mono, 10);
        using var black = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var chordPaint = new SKPaint { Color = new SKColor(0x1f, 0x4e, 0x9e), IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), IsAntialias = true };

        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = sheet.Title ?? "Song", Creator = "Selah" }))
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            var y = Margin;

            void Need(float height)
            {
                if (y + height <= PageHeight - Margin)
                {
                    return;
                }

                document.EndPage();
                canvas = document.BeginPage(PageWidth, PageHeight);
                y = Margin;
            }

            y += 20;
            canvas.DrawText(sheet.Title ?? "", Margin, y, titleFont, black);
            var meta = string.Join("   ", new[]
            {
                sheet.Subtitle, sheet.Artist, sheet.Key is null ? null : $"Key {sheet.Key}",
                sheet.Capo > 0 ? $"Capo {sheet.Capo} (shapes in {sheet.ShapeKey})" : null,
                sheet.Tempo is null ? null : $"{sheet.Tempo} BPM", sheet.Time,
            }.Where(s => !string.IsNullOrWhiteSpace(s)));
            if (meta.Length > 0)
            {
                y += 16;
                canvas.DrawText(meta, Margin, y, metaFont, grey);
            }

            y += 10;
            foreach (var section in sheet.Sections)
            {
                var label = section.Label ?? (section.Type is "none" ? null : char.ToUpperInvariant(section.Type[0]) + section.Type[1..]);
                y += 12;
                if (label is not null)
                {
                    Need(16);
                    y += 12;
                    canvas.DrawText(label, Margin, y, labelFont, black);
                    y += 4;
                }

                foreach (var line in section.Lines)
                {
                    switch (line.Kind)
                    {
                        case "comment" or "chorus":
                            Need(16);
                            y += 14;
                            canvas.DrawText(line.Text ?? "", Margin, y, labelFont, grey);
                            break;
                        case "tab":
                            Need(13);
                            y += 12;
                            canvas.DrawText(line.Text ?? "", Margin, y, monoFont, black);
                            break;
                        default:
                            Need(LyricsHeight(line));
                            DrawLyrics(canvas, line, ref y, chordFont, lyricFont, chordPaint, black);
                            break;
                    }
                }
            }

            if (!string.IsNullOrWhiteSpace(footer))
            {
                canvas.DrawText(footer, Margin, PageHeight - Margin / 2, metaFont, grey);
            }

            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    private static float LyricsHeight(SheetLineResponse line) =>
        (line.Segments.Any(s => !string.IsNullOrEmpty(s.Chord)) ? 13f : 0f) + 15f;

    private static void DrawLyrics(SKCanvas canvas, SheetLineResponse line, ref float y, SKFont chordFont, SKFont lyricFont, SKPaint chordPaint, SKPaint lyricPaint)
    {
        var height = LyricsHeight(line);
        var chordY = y + 12;
        var lyricY = y + height;
        var x = Margin;
        foreach (var segment in line.Segments)
        {
            if (x > PageWidth - Margin)
            {
                break; // over-long lines are clipped rather than wrapped
            }

            var chordWidth = 0f;
            if (!string.IsNullOrEmpty(segment.Chord))
            {
                canvas.DrawText(segment.Chord, x, chordY, chordFont, chordPaint);
                chordWidth = chordFont.MeasureText(segment.Chord) + 4;
            }

            canvas.DrawText(segment.Lyrics, x, lyricY, lyricFont, lyricPaint);
            x += Math.Max(chordWidth, lyricFont.MeasureText(segment.Lyrics));
        }

        y = lyricY + 3;
    }
}
