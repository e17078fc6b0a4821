using SkiaSharp;

namespace Selah.Server.Features.Catalog;

/// <summary>Artwork for tracks, albums and artists: any PNG/JPEG/GIF/WebP becomes a centre-cropped 600×600 WebP.</summary>
public static class CoverImages
{
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    public const int Size = 600;

    /// <returns>The encoded WebP, or null when the bytes are not a PNG, JPEG, GIF or WebP image.</returns>
    public static byte[]? ToCover(byte[] upload)
    {
        if (!Accounts.AvatarImages.LooksLikeImage(upload))
        {
            return null;
        }

        using var source = SKBitmap.Decode(upload);
        if (source is null || source.Width < 1 || source.Height < 1)
        {
            return null;
        }

        var side = Math.Min(source.Width, source.Height);
        var left = (source.Width - side) / 2;
        var top = (source.Height - side) / 2;
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, new SKRectI(left, top, left + side, top + side), new SKRect(0, 0, Size, Size),
            new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Webp, 85);
        return data?.ToArray(); // re-encoding drops EXIF and anything hidden in the original
    }
}
