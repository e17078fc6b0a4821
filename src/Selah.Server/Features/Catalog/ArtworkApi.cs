using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>Cover art of tracks and albums and artist images: upload (resized to WebP) and cacheable, versioned downloads.</summary>
public static class ArtworkApi
{
    public static void MapArtworkReads(RouteGroupBuilder tracks, RouteGroupBuilder albums, RouteGroupBuilder artists)
    {
        tracks.MapGet("/{id:guid}/cover", GetTrackCoverAsync).WithName("GetTrackCover").WithSummary("A track's cover (WebP).");
        albums.MapGet("/{id:guid}/cover", GetAlbumCoverAsync).WithName("GetAlbumCover").WithSummary("An album's cover (WebP).");
        artists.MapGet("/{id:guid}/image", GetArtistImageAsync).WithName("GetArtistImage").WithSummary("An artist's image (WebP).");
    }

    public static void MapArtworkUploads(RouteGroupBuilder tracks, RouteGroupBuilder albums, RouteGroupBuilder artists)
    {
        Upload(tracks.MapPut("/{id:guid}/cover", PutTrackCoverAsync).WithName("PutTrackCover").WithSummary("Replace a track's cover (PNG, JPEG, WebP, GIF; 10 MB)."));
        Upload(albums.MapPut("/{id:guid}/cover", PutAlbumCoverAsync).WithName("PutAlbumCover").WithSummary("Replace an album's cover (PNG, JPEG, WebP, GIF; 10 MB)."));
        Upload(artists.MapPut("/{id:guid}/image", PutArtistImageAsync).WithName("PutArtistImage").WithSummary("Replace an artist's image (PNG, JPEG, WebP, GIF; 10 MB)."));
    }

    public static async Task<Results<Ok<TrackResponse>, ValidationProblem, ProblemHttpResult>> PutTrackCoverAsync(
        Guid id, IFormFile? file, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.Include(t => t.Artist).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (track is null || !CatalogAccess.CanView(track, user))
        {
            return Problems.NotFound("The track");
        }

        if (!CatalogAccess.CanManage(track.Artist, user))
        {
            return Problems.Forbidden("forbidden", "You may change only your own artists' covers.");
        }

        var (cover, problem, invalid) = await ReadCoverAsync(file, cancellationToken);
        if (cover is null)
        {
            return invalid is not null ? invalid : problem!;
        }

        var previous = track.CoverKey;
        track.CoverKey = await SaveAsync(storage, $"covers/tracks/{id:n}", cover, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DeletePreviousAsync(storage, previous, track.CoverKey, cancellationToken);
        return TypedResults.Ok((await CatalogMapper.FindTrackAsync(db, id, user, cancellationToken))!);
    }

    public static async Task<Results<Ok<AlbumResponse>, ValidationProblem, ProblemHttpResult>> PutAlbumCoverAsync(
        Guid id, IFormFile? file, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var album = await db.Albums.Include(a => a.Artist).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (album is null || !CatalogAccess.CanView(album, user))
        {
            return Problems.NotFound("The album");
        }

        if (!CatalogAccess.CanManage(album.Artist, user))
        {
            return Problems.Forbidden("forbidden", "You may change only your own artists' covers.");
        }

        var (cover, problem, invalid) = await ReadCoverAsync(file, cancellationToken);
        if (cover is null)
        {
            return invalid is not null ? invalid : problem!;
        }

        var previous = album.CoverKey;
        album.CoverKey = await SaveAsync(storage, $"covers/albums/{id:n}", cover, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DeletePreviousAsync(storage, previous, album.CoverKey, cancellationToken);
        return (await AlbumsApi.GetAlbumAsync(id, user, db, cancellationToken)).Result switch
        {
            Ok<AlbumResponse> ok => ok,
            _ => Problems.NotFound("The album"),
        };
    }

    public static async Task<Results<Ok<ArtistResponse>, ValidationProblem, ProblemHttpResult>> PutArtistImageAsync(
        Guid id, IFormFile? file, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var artist = await db.Artists.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (artist is null)
        {
            return Problems.NotFound("The artist");
        }

        if (!CatalogAccess.CanManage(artist, user))
        {
            return Problems.Forbidden("forbidden", "You may change only the artists you manage.");
        }

        var (image, problem, invalid) = await ReadCoverAsync(file, cancellationToken);
        if (image is null)
        {
            return invalid is not null ? invalid : problem!;
        }

        var previous = artist.ImageKey;
        artist.ImageKey = await SaveAsync(storage, $"artists/{id:n}", image, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await DeletePreviousAsync(storage, previous, artist.ImageKey, cancellationToken);
        return (await ArtistsApi.GetArtistAsync(id.ToString(), user, db, cancellationToken)).Result switch
        {
            Ok<ArtistResponse> ok => ok,
            _ => Problems.NotFound("The artist"),
        };
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetTrackCoverAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var key = await CatalogQueries.VisibleTracks(db, user).Where(t => t.Id == id).Select(t => t.CoverKey).SingleOrDefaultAsync(cancellationToken);
        return await StreamAsync(http, storage, key, "The cover", cancellationToken);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetAlbumCoverAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var key = await CatalogQueries.VisibleAlbums(db, user).Where(a => a.Id == id).Select(a => a.CoverKey).SingleOrDefaultAsync(cancellationToken);
        return await StreamAsync(http, storage, key, "The cover", cancellationToken);
    }

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetArtistImageAsync(
        Guid id, HttpContext http, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var key = await db.Artists.Where(a => a.Id == id).Select(a => a.ImageKey).SingleOrDefaultAsync(cancellationToken);
        return await StreamAsync(http, storage, key, "The image", cancellationToken);
    }

    private static void Upload(RouteHandlerBuilder endpoint) => endpoint
        .DisableAntiforgery() // cookie sessions are checked by CookieAntiforgeryMiddleware, like every unsafe API request
        .WithMetadata(new RequestSizeLimitAttribute(CoverImages.MaxUploadBytes + 64 * 1024))
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    private static async Task<(byte[]? Cover, ProblemHttpResult? Problem, ValidationProblem? Invalid)> ReadCoverAsync(
        IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return (null, null, Problems.Field("file", "Choose an image file to upload."));
        }

        if (file.Length > CoverImages.MaxUploadBytes)
        {
            return (null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The image is larger than 10 MB."), null);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        var cover = CoverImages.ToCover(buffer.ToArray());
        return cover is null
            ? (null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-image", "The file is not a supported image.",
                "Upload a PNG, JPEG, WebP or GIF picture."), null)
            : (cover, null, null);
    }

    private static async Task<string> SaveAsync(IFileStorage storage, string folder, byte[] image, CancellationToken cancellationToken)
    {
        var key = $"{folder}/{Convert.ToHexStringLower(SHA256.HashData(image))[..16]}.webp"; // the hash is the URL's version
        await storage.SaveAsync(key, new MemoryStream(image), cancellationToken);
        return key;
    }

    private static async Task DeletePreviousAsync(IFileStorage storage, string? previous, string? current, CancellationToken cancellationToken)
    {
        if (previous is not null && previous != current)
        {
            await storage.DeleteAsync(previous, cancellationToken);
        }
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> StreamAsync(
        HttpContext http, IFileStorage storage, string? key, string what, CancellationToken cancellationToken)
    {
        var info = key is null ? null : await storage.GetInfoAsync(key, cancellationToken);
        var stream = info is null ? null : await storage.OpenReadAsync(info.Key, cancellationToken);
        if (stream is null)
        {
            return Problems.NotFound(what);
        }

        // The URL carries the content version (?v=), so the response may be cached for good.
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        var etag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{CatalogMapper.Version(info!.Key)}\"");
        return TypedResults.Stream(stream, "image/webp", lastModified: info.LastModified, entityTag: etag, enableRangeProcessing: true);
    }
}
