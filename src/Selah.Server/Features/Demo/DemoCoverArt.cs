using SkiaSharp;

namespace Selah.Server.Features.Demo;

/// <summary>Album covers for the demo catalogue: a diagonal gradient, a thin frame, the title and the ensemble in DejaVu type.</summary>
public static class DemoCoverArt
{
    public const int Size = 600;
    private const string SerifFont = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";
    private const string SansFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    /// <summary>A square WebP cover.</summary>
    public static byte[] Render(string title, string artist, SKColor from, SKColor to)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        using (var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(Size, Size), [from, to], SKShaderTileMode.Clamp))
        using (var fill = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, Size, Size, fill);
        }

        using (var frame = new SKPaint { Color = SKColors.White.WithAlpha(120), Style = SKPaintStyle.Stroke, StrokeWidth = 2, IsAntialias = true })
        {
            canvas.DrawRect(36, 36, Size - 72, Size - 72, frame);
        }

        using var text = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var serif = File.Exists(SerifFont) ? SKTypeface.FromFile(SerifFont) : SKTypeface.Default;
        using var sans = File.Exists(SansFont) ? SKTypeface.FromFile(SansFont) : SKTypeface.Default;
        using var titleFont = new SKFont(serif, 50);
        using var artistFont = new SKFont(sans, 24);
        var lines = Wrap(title, titleFont, Size - 140);
        var y = Size / 2f - (lines.Count - 1) * 31f;
        foreach (var line in lines)
        {
            canvas.DrawText(line, Size / 2f, y, SKTextAlign.Center, titleFont, text);
            y += 62;
        }

        text.Color = SKColors.White.WithAlpha(210);
        canvas.DrawText(artist.ToUpperInvariant(), Size / 2f, Size - 80, SKTextAlign.Center, artistFont, text);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Webp, 90);
        return data.ToArray();
    }

    private static List<string> Wrap(string text, SKFont font, float width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && font.MeasureText(candidate) > width)
            {
                lines.Add(current);
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        lines.Add(current);
        return lines;
    }
}
