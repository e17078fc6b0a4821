using System.ComponentModel;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Media;

/// <summary>
/// Audio delivery: progressive streams with HTTP ranges and conditional requests, HLS playlists and segments, waveform
/// peaks. Entitlement is <see cref="CatalogAccess.CanStream"/>, decided on a cached <see cref="StreamTarget"/>; local files go out through the kernel (sendfile),
/// object storage answers with a redirect to a signed, expiring URL.
/// </summary>
public static partial class StreamApi
{
    public static void MapStreamApi(this IEndpointRouteBuilder app)
    {
        var tracks = app.MapGroup("/api/v1/tracks").WithTags("Media").AllowAnonymous()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        tracks.MapMethods("/{id:guid}/stream", ["GET", "HEAD"], StreamAsync).WithName("StreamTrack")
            .WithSummary("The audio (format opus, aac or original) with range requests, ETag and Last-Modified.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        tracks.MapGet("/{id:guid}/download", DownloadAsync).WithName("DownloadTrack")
            .WithSummary("The audio as a file to keep for offline listening (format opus, aac or original), if this server allows downloads.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        tracks.MapMethods("/{id:guid}/hls/master.m3u8", ["GET", "HEAD"], HlsMasterAsync).WithName("TrackHlsMaster")
            .WithSummary("The HLS master playlist (two AAC bitrates).");
        tracks.MapMethods("/{id:guid}/hls/{variant}/{file}", ["GET", "HEAD"], HlsFileAsync).WithName("TrackHlsFile")
            .WithSummary("An HLS variant playlist, init segment or media segment.");
        tracks.MapGet("/{id:guid}/waveform", WaveformAsync).WithName("TrackWaveform").WithSummary("Waveform peaks (0–1) for the player.");
    }

    public sealed record StreamQuery(
        [property: Description("opus (Ogg), aac (MP4) or original."), DefaultValue("aac")] string? Format);

    public static async Task<Results<PhysicalFileHttpResult, FileStreamHttpResult, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> StreamAsync(
        Guid id, [AsParameters] StreamQuery query, ClaimsPrincipal user, HttpContext http, StreamTargets targets, IFileStorage storage,
        IOptions<SelahOptions> selah, IOptions<MediaOptions> media, CancellationToken cancellationToken)
    {
        var format = (query.Format ?? "aac").Trim().ToLowerInvariant();
        if (format is not ("opus" or "aac" or "original"))
        {
            return Problems.Field("format", "Format must be opus, aac or original.");
        }

        var (track, problem) = await StreamableAsync(id, user, targets, cancellationToken);
        if (track is null)
        {
            return problem!;
        }

        var (key, contentType) = format switch
        {
            "opus" => (track.OpusKey, "audio/ogg"),
            "aac" => (track.AacKey, "audio/mp4"),
            _ => (track.OriginalKey, OriginalContentType(track.OriginalFormat)),
        };
        return await DeliverAsync(http, targets, storage, selah.Value, media.Value, track, key, contentType, cancellationToken);
    }

    public static async Task<Results<PhysicalFileHttpResult, FileStreamHttpResult, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> DownloadAsync(
        Guid id, [AsParameters] StreamQuery query, ClaimsPrincipal user, HttpContext http, StreamTargets targets, IFileStorage storage,
        IOptions<SelahOptions> selah, IOptions<MediaOptions> media, CancellationToken cancellationToken)
    {
        if (CatalogAccess.DownloadRefusal(user, media.Value.OfflineDownloads) is { } refusal)
        {
            return Problems.Forbidden("download-not-allowed", "Downloads are not available.", refusal);
        }

        var result = await StreamAsync(id, query, user, http, targets, storage, selah, media, cancellationToken);
        if (result.Result is PhysicalFileHttpResult or FileStreamHttpResult)
        {
            var format = (query.Format ?? "aac").Trim().ToLowerInvariant();
            var extension = format switch { "opus" => "ogg", "aac" => "m4a", _ => (await targets.GetAsync(id, cancellationToken))?.OriginalFormat ?? "audio" };
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileNameStar = $"{id}.{extension}",
            }.ToString();
        }

        return result;
    }

    public static async Task<Results<PhysicalFileHttpResult, FileStreamHttpResult, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> HlsMasterAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, StreamTargets targets, IFileStorage storage,
        IOptions<SelahOptions> selah, IOptions<MediaOptions> media, CancellationToken cancellationToken)
    {
        var (track, problem) = await StreamableAsync(id, user, targets, cancellationToken);
        return track is null
            ? problem!
            : await DeliverAsync(http, targets, storage, selah.Value, media.Value, track, $"{track.HlsPrefix}/master.m3u8", HlsPlaylistType, cancellationToken);
    }

    public static async Task<Results<PhysicalFileHttpResult, FileStreamHttpResult, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> HlsFileAsync(
        Guid id, string variant, string file, ClaimsPrincipal user, HttpContext http, StreamTargets targets, IFileStorage storage,
        IOptions<SelahOptions> selah, IOptions<MediaOptions> media, CancellationToken cancellationToken)
    {
        // Names are checked against the exact shapes the processor writes, so nothing else under the track is reachable.
        if (!TrackProcessor.HlsVariants.Any(v => v.Name == variant) || !HlsFileName().IsMatch(file))
        {
            return Problems.NotFound("The HLS file");
        }

        var (track, problem) = await StreamableAsync(id, user, targets, cancellationToken);
        if (track is null)
        {
            return problem!;
        }

        var contentType = file.EndsWith(".m3u8", StringComparison.Ordinal) ? HlsPlaylistType : "audio/mp4";
        return await DeliverAsync(http, targets, storage, selah.Value, media.Value, track, $"{track.HlsPrefix}/{variant}/{file}", contentType, cancellationToken);
    }

    public static async Task<Results<Ok<WaveformResponse>, ProblemHttpResult>> WaveformAsync(
        Guid id, ClaimsPrincipal user, StreamTargets targets, IFileStorage storage, CancellationToken cancellationToken)
    {
        var (track, problem) = await StreamableAsync(id, user, targets, cancellationToken);
        if (track is null)
        {
            return problem!;
        }

        await using var stream = track.WaveformKey is { } key ? await storage.OpenReadAsync(key, cancellationToken) : null;
        if (stream is null)
        {
            return Problems.NotFound("The waveform");
        }

        var peaks = await JsonSerializer.DeserializeAsync<float[]>(stream, cancellationToken: cancellationToken) ?? [];
        return TypedResults.Ok(new WaveformResponse(track.Id, track.DurationSeconds ?? 0, peaks));
    }

    /// <summary>The track when the caller may stream it; otherwise 404 (not visible to them) or 409 (theirs, not ready yet).</summary>
    private static async Task<(StreamTarget?, ProblemHttpResult?)> StreamableAsync(Guid id, ClaimsPrincipal user, StreamTargets targets, CancellationToken cancellationToken)
    {
        var track = await targets.GetAsync(id, cancellationToken);
        if (track is null || !track.CanView(user))
        {
            return (null, Problems.NotFound("The track"));
        }

        if (!track.CanStream(user))
        {
            return (null, track.Status == TrackStatus.Failed
                ? Problems.Conflict("track-failed", "The track failed processing.", track.Error)
                : Problems.Conflict("track-not-ready", "The track is still processing.", "Try again when its status is ready."));
        }

        return (track, null);
    }

    private static async Task<Results<PhysicalFileHttpResult, FileStreamHttpResult, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> DeliverAsync(
        HttpContext http, StreamTargets targets, IFileStorage storage, SelahOptions selah, MediaOptions media, StreamTarget track, string? key, string contentType,
        CancellationToken cancellationToken)
    {
        var info = key is null ? null : await targets.GetFileAsync(track.Id, key, cancellationToken);
        if (info is null)
        {
            return Problems.NotFound("The audio");
        }

        // Private: whether a response may be served depends on who asks (unpublished tracks), so shared caches must not keep it.
        http.Response.Headers.CacheControl = $"private, max-age={media.StreamCacheSeconds}";
        http.Response.Headers.AcceptRanges = "bytes";
        // Object storage, or local files behind nginx with signed URLs: the store sends the bytes. Playlists are served by
        // the API even then: their segment URIs are relative, and relative to a signed object URL they would lack a
        // signature. Segments, init files and renditions go straight to the store.
        if (contentType != HlsPlaylistType && await storage.GetDownloadUrlAsync(info.Key, TimeSpan.FromMinutes(15), contentType, cancellationToken) is { } url)
        {
            return TypedResults.Redirect(url.ToString());
        }

        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastModified.UtcTicks:x}\"");
        if (storage is LocalFileStorage)
        {
            var path = Path.Combine(selah.FullDataDirectory, "media", info.Key.Replace('/', Path.DirectorySeparatorChar));
            return TypedResults.PhysicalFile(path, contentType, lastModified: info.LastModified, entityTag: etag, enableRangeProcessing: true);
        }

        var stream = await storage.OpenReadAsync(info.Key, cancellationToken);
        return stream is null
            ? Problems.NotFound("The audio")
            : TypedResults.Stream(stream, contentType, lastModified: info.LastModified, entityTag: etag, enableRangeProcessing: true);
    }

    private const string HlsPlaylistType = "application/vnd.apple.mpegurl";

    private static string OriginalContentType(string? format) => format switch
    {
        "mp3" => AudioFormats.Mp3.ContentType,
        "flac" => AudioFormats.Flac.ContentType,
        "wav" => AudioFormats.Wav.ContentType,
        "aac" => AudioFormats.Aac.ContentType,
        "m4a" => AudioFormats.M4a.ContentType,
        "ogg" or "opus" => "audio/ogg",
        _ => "application/octet-stream",
    };

    [GeneratedRegex(@"^(index\.m3u8|init\.mp4|seg_[0-9]{4,6}\.m4s)$")]
    private static partial Regex HlsFileName();
}
