using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Media;

/// <summary>
/// Takes an uploaded file to a new track in <c>processing</c>: streams it to a temp file while hashing and counting,
/// recognises the format by content, reads its tags, applies the uploader's metadata, places it under an artist and album,
/// stores the original and schedules <see cref="ProcessTrackJob"/>. Also used by demo-content seeding.
/// </summary>
public sealed class TrackIngest(
    IDbContextFactory<SelahDbContext> contexts,
    IFileStorage storage,
    MediaTools tools,
    TrackJobs jobs,
    IOptions<MediaOptions> media,
    IOptions<SelahOptions> selah,
    TimeProvider clock,
    ILogger<TrackIngest> logger)
{
    public async Task<Track> IngestAsync(Stream content, string? fileName, TrackMetadataRequest? metadata, Guid uploaderId, CancellationToken cancellationToken)
    {
        if (!tools.Available)
        {
            throw Unavailable();
        }

        var tempDirectory = Path.Combine(selah.Value.FullDataDirectory, "tmp");
        Directory.CreateDirectory(tempDirectory);
        var temp = Path.Combine(tempDirectory, $"upload-{Guid.NewGuid():n}");
        try
        {
            var (hash, length, head) = await CopyAsync(content, temp, cancellationToken);
            if (length == 0)
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, "empty-file", "The file is empty.", "Choose an audio file to upload (part 'file').");
            }

            var probe = await tools.Ffprobe.ProbeAsync(temp, cancellationToken);
            var format = AudioFormats.Identify(head, probe)
                ?? throw new ProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-audio", "The file is not a supported audio format.",
                    "Upload MP3, FLAC, WAV, AAC/M4A, Ogg Vorbis or Opus audio.");
            return await CreateTrackAsync(temp, format, probe!, hash, length, fileName, metadata ?? new TrackMetadataRequest(), uploaderId, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task<(string Hash, long Length, byte[] Head)> CopyAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[64];
        var headLength = 0;
        long length = 0;
        var buffer = new byte[128 * 1024];
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > media.Value.MaxUploadBytes)
                {
                    throw new ProblemException(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The file is too large.",
                        $"The limit is {media.Value.MaxUploadBytes / (1024 * 1024)} MB.");
                }

                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }

                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), length, head[..headLength]);
    }

    private async Task<Track> CreateTrackAsync(string temp, AudioFormat format, Infrastructure.Media.ProbeResult probe, string hash, long length,
        string? fileName, TrackMetadataRequest metadata, Guid uploaderId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var year = metadata.Year ?? ParseYear(probe.Tag("date") ?? probe.Tag("year"));
        var artist = await CatalogPlacement.ArtistAsync(db, uploaderId, metadata.Artist ?? probe.Tag("artist") ?? probe.Tag("album_artist"), now, cancellationToken);
        var album = await CatalogPlacement.AlbumAsync(db, artist, metadata.Album ?? probe.Tag("album"), year, now, cancellationToken);
        var title = metadata.Title?.Trim() is { Length: > 0 } t ? t
            : probe.Tag("title") ?? (Path.GetFileNameWithoutExtension(fileName ?? "") is { Length: > 0 } n ? n : "Untitled");
        var track = new Track
        {
            ArtistId = artist.Id,
            Artist = artist,
            AlbumId = album?.Id,
            Album = album,
            Title = Limit(title, 200),
            TrackNumber = metadata.TrackNumber ?? ParseNumber(probe.Tag("track"), 999),
            DiscNumber = metadata.DiscNumber ?? ParseNumber(probe.Tag("disc"), 99),
            Year = year,
            DurationSeconds = probe.DurationSeconds,
            Themes = TrackMetadataRules.Clean(metadata.Themes ?? []),
            ScriptureReferences = TrackMetadataRules.Clean(metadata.ScriptureReferences ?? []),
            Credits = TrackMetadataRules.Clean(metadata.Credits ?? []),
            Lyrics = Blank(metadata.Lyrics),
            SyncedLyrics = Blank(metadata.SyncedLyrics),
            CcliNumber = Blank(metadata.CcliNumber),
            Isrc = Blank(metadata.Isrc),
            PublishWhenReady = metadata.Published ?? true,
            Status = TrackStatus.Processing,
            UploadedById = uploaderId,
            OriginalFormat = format.Name,
            OriginalBytes = length,
            ContentHash = hash,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await ApplyTagsAsync(db, track, metadata, probe, cancellationToken);

        track.OriginalKey = $"tracks/{track.Id:n}/original.{format.Extension}";
        await using (var original = File.OpenRead(temp))
        {
            await storage.SaveAsync(track.OriginalKey, original, cancellationToken);
        }

        if (probe.HasCoverArt)
        {
            track.CoverKey = await StoreCoverAsync(temp, track.Id, cancellationToken);
            if (album is { CoverKey: null } && track.CoverKey is not null)
            {
                album.CoverKey = track.CoverKey;
            }
        }

        db.Tracks.Add(track);
        await db.SaveChangesAsync(cancellationToken);
        await jobs.ScheduleAsync(track.Id, cancellationToken);
        logger.LogInformation("Track {TrackId} ingested ({Format}, {Bytes} bytes) by {UserId}", track.Id, format.Name, length, uploaderId);
        return track;
    }

    private static async Task ApplyTagsAsync(SelahDbContext db, Track track, TrackMetadataRequest metadata, Infrastructure.Media.ProbeResult probe, CancellationToken cancellationToken)
    {
        var genres = await db.Genres.ToListAsync(cancellationToken);
        if (metadata.Genres is { } wanted)
        {
            if (!TrackMetadataRules.TryResolve(genres, wanted, g => g.Name, g => g.Slug, out var found, out var unknown))
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, "unknown-genre", "metadata.genres: unknown genre.", $"'{unknown}' is not a genre; see GET /api/v1/genres.");
            }

            track.Genres = found;
        }
        else if (probe.Tag("genre") is { } tag)
        {
            // A tag that names a known genre is used; free-text tags that match nothing are ignored.
            TrackMetadataRules.TryResolve(genres, tag.Split(';', '/', ','), g => g.Name, g => g.Slug, out var found, out _);
            track.Genres = found;
        }

        if (metadata.Moods is { } moods)
        {
            var all = await db.Moods.ToListAsync(cancellationToken);
            if (!TrackMetadataRules.TryResolve(all, moods, m => m.Name, m => m.Slug, out var found, out var unknown))
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, "unknown-mood", "metadata.moods: unknown mood.", $"'{unknown}' is not a mood; see GET /api/v1/moods.");
            }

            track.Moods = found;
        }
    }

    /// <summary>Embedded cover art → the catalogue's cover format (WebP, stored under a content-hash name like uploaded covers).</summary>
    private async Task<string?> StoreCoverAsync(string input, Guid trackId, CancellationToken cancellationToken)
    {
        var output = input + ".cover.jpg";
        try
        {
            await tools.Ffmpeg.ExtractCoverAsync(input, output, cancellationToken);
            var cover = CoverImages.ToCover(await File.ReadAllBytesAsync(output, cancellationToken));
            if (cover is null)
            {
                return null;
            }

            var key = $"covers/tracks/{trackId:n}/{Convert.ToHexStringLower(SHA256.HashData(cover))[..16]}.webp";
            await storage.SaveAsync(key, new MemoryStream(cover), cancellationToken);
            return key;
        }
        catch (Infrastructure.Media.MediaToolException e)
        {
            logger.LogWarning("Embedded cover art of track {TrackId} could not be read: {Error}", trackId, e.Message);
            return null; // a broken picture does not make the audio unusable
        }
        finally
        {
            File.Delete(output);
        }
    }

    internal static ProblemException Unavailable() => new(StatusCodes.Status503ServiceUnavailable, "media-unavailable",
        "Audio processing is not available on this server.", "ffmpeg is not installed (Debian package 'ffmpeg'); ask the operator.");

    internal static int? ParseYear(string? text) =>
        text is { Length: >= 4 } && int.TryParse(text[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1000 and <= 2100 ? y : null;

    /// <summary>"3/12" → 3.</summary>
    internal static int? ParseNumber(string? text, int max) =>
        text?.Split('/')[0].Trim() is { } n && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1 && v <= max ? v : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    internal static string Limit(string text, int max) => text.Length > max ? text[..max] : text;
}
