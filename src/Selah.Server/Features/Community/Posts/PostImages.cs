using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.AspNetCore.Http.HttpResults;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;
using SkiaSharp;

namespace Selah.Server.Features.Community.Posts;

/// <summary>An image attached to a post (at most <see cref="PostImages.MaxPerPost"/>): a re-encoded WebP in file storage.</summary>
public sealed class PostImage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PostId { get; set; }
    public required string StorageKey { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PostImageConfiguration : IEntityTypeConfiguration<PostImage>
{
    public void Configure(EntityTypeBuilder<PostImage> builder)
    {
        builder.HasKey(i => i.Id);
        builder.Property(i => i.StorageKey).HasMaxLength(200);
        builder.HasIndex(i => new { i.PostId, i.Id });
    }
}

/// <summary>
/// Turns an uploaded picture into a post image: recognised by its bytes (PNG, JPEG, GIF, WebP), its pixel size read from
/// the header before anything is decoded (a small file that claims a huge canvas is refused), turned upright by its
/// EXIF orientation, scaled to fit <see cref="MaxSide"/>, and re-encoded as WebP, which leaves EXIF (GPS, camera) and
/// anything else hidden in the original behind.
/// </summary>
public static class PostImages
{
    public const int MaxPerPost = 4;
    public const long MaxUploadBytes = 10 * 1024 * 1024;
    public const int MaxSide = 1600;
    /// <summary>The decompression-bomb guard: more pixels than this (about 40 megapixels) are never decoded.</summary>
    public const long MaxSourcePixels = 40_000_000;

    public enum Failure { None, NotAnImage, TooManyPixels }

    public sealed record Encoded(byte[] Webp, int Width, int Height);

    /// <summary>
    /// A stored picture as the response (WebP, <c>Last-Modified</c>, <c>ETag</c> <paramref name="tag"/>, so conditional
    /// requests get 304) with <paramref name="cacheControl"/>; null when there is no file (the caller answers 404).
    /// </summary>
    public static async Task<FileStreamHttpResult?> StreamAsync(
        IFileStorage storage, string? key, string tag, string cacheControl, HttpContext http, CancellationToken cancellationToken)
    {
        var info = key is null ? null : await storage.GetInfoAsync(key, cancellationToken);
        var stream = info is null ? null : await storage.OpenReadAsync(info.Key, cancellationToken);
        if (stream is null)
        {
            return null;
        }

        http.Response.Headers.CacheControl = cacheControl;
        return TypedResults.Stream(stream, "image/webp", lastModified: info!.LastModified,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{tag}\""));
    }

    /// <summary>An upload over 10 MB (post, group and chat pictures alike): 413 before anything is read.</summary>
    public static ProblemHttpResult? TooLarge(IFormFile? file) =>
        file?.Length > MaxUploadBytes ? Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The image is larger than 10 MB.") : null;

    /// <summary>
    /// Reads an upload and re-encodes it (<see cref="Encode"/>); a missing or empty file, a file that is no picture, or
    /// one that claims too many pixels is a 400 naming <c>file</c>.
    /// </summary>
    public static async Task<(Encoded? Image, ValidationProblem? Problem)> EncodeUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, Problems.Field("file", "Choose an image file to upload."));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var (image, failure) = Encode(buffer.ToArray());
        return failure switch
        {
            Failure.TooManyPixels => (null, Problems.Field("file", $"The image has too many pixels (at most {MaxSourcePixels / 1_000_000} megapixels).")),
            Failure.NotAnImage => (null, Problems.Field("file", "The file is not a supported image. Upload a PNG, JPEG, WebP or GIF picture.")),
            _ => (image, null),
        };
    }

    public static (Encoded? Image, Failure Failure) Encode(byte[] upload)
    {
        if (!Accounts.AvatarImages.LooksLikeImage(upload))
        {
            return (null, Failure.NotAnImage);
        }

        using var codec = SKCodec.Create(new SKMemoryStream(upload));
        if (codec is null || codec.Info.Width < 1 || codec.Info.Height < 1)
        {
            return (null, Failure.NotAnImage);
        }

        if ((long)codec.Info.Width * codec.Info.Height > MaxSourcePixels)
        {
            return (null, Failure.TooManyPixels);
        }

        using var source = SKBitmap.Decode(codec);
        if (source is null)
        {
            return (null, Failure.NotAnImage);
        }

        var origin = codec.EncodedOrigin;
        var sideways = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (uprightWidth, uprightHeight) = sideways ? (source.Height, source.Width) : (source.Width, source.Height);
        var scale = Math.Min(1.0, (double)MaxSide / Math.Max(uprightWidth, uprightHeight));
        var width = Math.Max(1, (int)Math.Round(uprightWidth * scale));
        var height = Math.Max(1, (int)Math.Round(uprightHeight * scale));

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Concat(OrientationMatrix(origin, width, height));
        var (drawWidth, drawHeight) = sideways ? (height, width) : (width, height);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, drawWidth, drawHeight), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Webp, 85);
        return data is null ? (null, Failure.NotAnImage) : (new Encoded(data.ToArray(), width, height), Failure.None);
    }

    /// <summary>Maps the stored (sensor) orientation onto an upright canvas of <paramref name="width"/>×<paramref name="height"/>.</summary>
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, width, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, width, -1, 0, height, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, height, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
