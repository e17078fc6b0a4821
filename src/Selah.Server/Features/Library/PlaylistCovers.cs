using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;
using SkiaSharp;

namespace Selah.Server.Features.Library;

/// <summary>
/// The generated playlist cover: a 2×2 mosaic of the first four distinct covers among the tracks the viewer can see
/// (track cover, else album cover); one cover fills the square when there are fewer than four; a plain tile coloured
/// from the playlist id when there are none.
/// </summary>
public static class PlaylistCovers
{
    public const int Size = CoverImages.Size;

    public static async Task<byte[]> MosaicAsync(SelahDbContext db, IFileStorage storage, Playlist playlist, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visible = CatalogQueries.VisibleTracks(db, user);
        var keys = await db.PlaylistEntries.AsNoTracking().Where(e => e.PlaylistId == playlist.Id)
            .OrderBy(e => e.SortKey)
            .Join(visible, e => e.TrackId, t => t.Id, (e, t) => t.CoverKey ?? (t.Album != null && t.Album.Published ? t.Album.CoverKey : null))
            .Where(k => k != null).Take(64).ToListAsync(cancellationToken);
        var distinct = keys.Distinct().Take(4).ToList();
        var images = new List<SKBitmap>();
        try
        {
            foreach (var key in distinct)
            {
                await using var stream = await storage.OpenReadAsync(key!, cancellationToken);
                if (stream is null)
                {
                    continue;
                }

                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken);
                if (SKBitmap.Decode(buffer.ToArray()) is { } bitmap)
                {
                    images.Add(bitmap);
                }
            }

            return Draw(playlist.Id, images);
        }
        finally
        {
            foreach (var image in images)
            {
                image.Dispose();
            }
        }
    }

    private static byte[] Draw(Guid id, List<SKBitmap> images)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        var bytes = id.ToByteArray();
        canvas.Clear(new SKColor((byte)(40 + bytes[^1] % 120), (byte)(40 + bytes[^2] % 120), (byte)(60 + bytes[^3] % 120)));
        var sampling = new SKSamplingOptions(SKCubicResampler.Mitchell);
        if (images.Count is > 0 and < 4)
        {
            using var image = SKImage.FromBitmap(images[0]);
            canvas.DrawImage(image, new SKRect(0, 0, Size, Size), sampling);
        }
        else if (images.Count >= 4)
        {
            var half = Size / 2;
            for (var i = 0; i < 4; i++)
            {
                using var image = SKImage.FromBitmap(images[i]);
                var left = i % 2 * half;
                var top = i / 2 * half;
                canvas.DrawImage(image, new SKRect(left, top, left + half, top + half), sampling);
            }
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Webp, 85);
        return data.ToArray();
    }
}
