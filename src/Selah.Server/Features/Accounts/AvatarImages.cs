using SkiaSharp;

namespace Selah.Server.Features.Accounts;

/// <summary>Turns an uploaded picture into a 256×256 WebP avatar (centre-cropped). Recognises images by content, not name.</summary>
public static class AvatarImages
{
    public const long MaxUploadBytes = 5 * 1024 * 1024;
    public const int Size = 256;

    /// <summary>PNG, JPEG, GIF or WebP by magic bytes.</summary>
    public static bool LooksLikeImage(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])
        || head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8)
        || (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8));

    /// <returns>The encoded WebP, or null when the bytes do not decode as an image.</returns>
    public static byte[]? ToAvatar(byte[] upload)
    {
        using var source = SKBitmap.Decode(upload);
        if (source is null || source.Width < 1 || source.Height < 1)
        {
            return null;
        }

        var side = Math.Min(source.Width, source.Height);
        var crop = new SKRectI((source.Width - side) / 2, (source.Height - side) / 2, (source.Width - side) / 2 + side, (source.Height - side) / 2 + side);
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, crop, new SKRect(0, 0, Size, Size), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Webp, 85);
        return data?.ToArray(); // re-encoding drops EXIF and any payload hidden in the original
    }
}
