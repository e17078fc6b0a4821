using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>A track's columns as one SQL projection (artist and album joined); genres and moods are loaded per page.</summary>
public sealed record TrackRow
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public TrackStatus Status { get; init; }
    public string? Error { get; init; }
    public double? DurationSeconds { get; init; }
    public int? DiscNumber { get; init; }
    public int? TrackNumber { get; init; }
    public int? Year { get; init; }
    public bool Published { get; init; }
    public Guid? UploadedById { get; init; }
    public Guid? ArtistOwnerId { get; init; }
    public required ArtistSummary Artist { get; init; }
    public AlbumSummary? Album { get; init; }
    public List<string> Themes { get; init; } = [];
    public List<string> ScriptureReferences { get; init; } = [];
    public List<string> Credits { get; init; } = [];
    public string? CcliNumber { get; init; }
    public string? Isrc { get; init; }
    public bool HasLyrics { get; init; }
    public bool HasSyncedLyrics { get; init; }
    public string? CoverKey { get; init; }
    public double? LoudnessLufs { get; init; }
    public double? TruePeakDb { get; init; }
    public long PlayCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Catalogue entities → the response records of <c>Selah.Contracts.Catalog</c>, with versioned artwork URLs.</summary>
public static class CatalogMapper
{
    public static readonly Expression<Func<Track, TrackRow>> TrackRows = t => new TrackRow
    {
        Id = t.Id,
        Title = t.Title,
        Status = t.Status,
        Error = t.Error,
        DurationSeconds = t.DurationSeconds,
        DiscNumber = t.DiscNumber,
        TrackNumber = t.TrackNumber,
        Year = t.Year,
        Published = t.Published,
        UploadedById = t.UploadedById,
        ArtistOwnerId = t.Artist.OwnerId,
        Artist = new ArtistSummary(t.Artist.Id, t.Artist.Name, t.Artist.Slug, ArtistImageUrl(t.Artist.Id, t.Artist.ImageKey), t.Artist.Verified),
        Album = t.AlbumId == null ? null : new AlbumSummary(t.Album!.Id, t.Album.Title, t.Album.Slug, t.Album.Type, t.Album.Year,
            AlbumCoverUrl(t.Album.Id, t.Album.CoverKey),
            new ArtistSummary(t.Artist.Id, t.Artist.Name, t.Artist.Slug, ArtistImageUrl(t.Artist.Id, t.Artist.ImageKey), t.Artist.Verified)),
        Themes = t.Themes,
        ScriptureReferences = t.ScriptureReferences,
        Credits = t.Credits,
        CcliNumber = t.CcliNumber,
        Isrc = t.Isrc,
        HasLyrics = t.Lyrics != null && t.Lyrics != "",
        HasSyncedLyrics = t.SyncedLyrics != null && t.SyncedLyrics != "",
        CoverKey = t.CoverKey,
        LoudnessLufs = t.LoudnessLufs,
        TruePeakDb = t.TruePeakDb,
        PlayCount = t.PlayCount,
        CreatedAt = t.CreatedAt,
    };

    public static readonly Expression<Func<Album, AlbumSummary>> AlbumSummaries = a => new AlbumSummary(
        a.Id, a.Title, a.Slug, a.Type, a.Year, AlbumCoverUrl(a.Id, a.CoverKey),
        new ArtistSummary(a.Artist.Id, a.Artist.Name, a.Artist.Slug, ArtistImageUrl(a.Artist.Id, a.Artist.ImageKey), a.Artist.Verified));

    public static readonly Expression<Func<Artist, ArtistSummary>> ArtistSummaries = a =>
        new ArtistSummary(a.Id, a.Name, a.Slug, ArtistImageUrl(a.Id, a.ImageKey), a.Verified);

    public static string? ArtistImageUrl(Guid id, string? key) => key is null ? null : $"/api/v1/artists/{id}/image?v={Version(key)}";

    public static string? AlbumCoverUrl(Guid id, string? key) => key is null ? null : $"/api/v1/albums/{id}/cover?v={Version(key)}";

    public static string? TrackCoverUrl(Guid id, string? key) => key is null ? null : $"/api/v1/tracks/{id}/cover?v={Version(key)}";

    /// <summary>The version in an artwork URL: the content hash that names the stored file.</summary>
    public static string Version(string key) => Path.GetFileNameWithoutExtension(key);

    public static ArtistSummary ToSummary(Artist artist) =>
        new(artist.Id, artist.Name, artist.Slug, ArtistImageUrl(artist.Id, artist.ImageKey), artist.Verified);

    /// <summary>Maps a page of rows, loading their genres and moods in two queries (not one per track).</summary>
    public static async Task<List<TrackResponse>> ToResponsesAsync(
        SelahDbContext db, IReadOnlyList<TrackRow> rows, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var genres = (await db.Tracks.Where(t => ids.Contains(t.Id))
                .SelectMany(t => t.Genres, (t, g) => new { TrackId = t.Id, g.Id, g.Name, g.Slug }).ToListAsync(cancellationToken))
            .OrderBy(g => g.Name, StringComparer.Ordinal).ToLookup(g => g.TrackId, g => new TagResponse(g.Id, g.Name, g.Slug));
        var moods = (await db.Tracks.Where(t => ids.Contains(t.Id))
                .SelectMany(t => t.Moods, (t, m) => new { TrackId = t.Id, m.Id, m.Name, m.Slug }).ToListAsync(cancellationToken))
            .OrderBy(m => m.Name, StringComparer.Ordinal).ToLookup(m => m.TrackId, m => new TagResponse(m.Id, m.Name, m.Slug));
        return rows.Select(r => ToResponse(r, genres[r.Id].ToList(), moods[r.Id].ToList(), user)).ToList();
    }

    public static TrackResponse ToResponse(TrackRow row, IReadOnlyList<TagResponse> genres, IReadOnlyList<TagResponse> moods, ClaimsPrincipal user) => new()
    {
        Id = row.Id,
        Title = row.Title,
        Status = row.Status,
        Error = SeesProcessingDetails(row, user) ? row.Error : null,
        DurationSeconds = row.DurationSeconds,
        DiscNumber = row.DiscNumber,
        TrackNumber = row.TrackNumber,
        Year = row.Year,
        Published = row.Published,
        Artist = row.Artist,
        Album = row.Album,
        Genres = genres,
        Moods = moods,
        Themes = row.Themes,
        ScriptureReferences = row.ScriptureReferences,
        Credits = row.Credits,
        CcliNumber = row.CcliNumber,
        Isrc = row.Isrc,
        HasLyrics = row.HasLyrics,
        HasSyncedLyrics = row.HasSyncedLyrics,
        CoverUrl = TrackCoverUrl(row.Id, row.CoverKey) ?? row.Album?.CoverUrl,
        LoudnessLufs = row.LoudnessLufs,
        TruePeakDb = row.TruePeakDb,
        PlayCount = row.PlayCount,
        CreatedAt = row.CreatedAt,
    };

    /// <summary>One track by id as the caller sees it, or null when it does not exist or the caller may not see it.</summary>
    public static async Task<TrackResponse?> FindTrackAsync(SelahDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var row = await CatalogQueries.VisibleTracks(db, user).Where(t => t.Id == id).Select(TrackRows).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (await ToResponsesAsync(db, [row], user, cancellationToken))[0];
    }

    private static bool SeesProcessingDetails(TrackRow row, ClaimsPrincipal user) =>
        CatalogAccess.IsAdmin(user) || (user.TryGetUserId() is { } id && (id == row.UploadedById || id == row.ArtistOwnerId));
}
