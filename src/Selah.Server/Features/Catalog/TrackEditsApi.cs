using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>Metadata edits and deletion of tracks by their artist's owner or an administrator.</summary>
public static class TrackEditsApi
{
    public static RouteGroupBuilder MapTrackEdits(this RouteGroupBuilder tracks)
    {
        tracks.MapPatch("/{id:guid}", UpdateTrackAsync).WithName("UpdateTrack")
            .WithSummary("Change a track's metadata; absent fields stay, \"\" clears optional text.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        tracks.MapDelete("/{id:guid}", DeleteTrackAsync).WithName("DeleteTrack").WithSummary("Delete a track and its stored files.");
        return tracks;
    }

    public static async Task<Results<Ok<TrackResponse>, ValidationProblem, ProblemHttpResult>> UpdateTrackAsync(
        Guid id, TrackMetadataRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, ReleaseAnnouncer releases,
        CancellationToken cancellationToken)
    {
        var track = await db.Tracks.Include(t => t.Artist).Include(t => t.Album).Include(t => t.Genres).Include(t => t.Moods)
            .SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (track is null || !CatalogAccess.CanView(track, user))
        {
            return Problems.NotFound("The track");
        }

        if (!CatalogAccess.CanManage(track.Artist, user))
        {
            return Problems.Forbidden("forbidden", "You may change only your own artists' tracks.");
        }

        if (TrackMetadataRules.FirstError(request) is { } error)
        {
            return Problems.Field(error.Field, error.Message);
        }

        if (request.Artist is { } artistName && !string.Equals(artistName.Trim(), track.Artist.Name, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Field("artist", "A track's artist cannot be changed; upload it again under the other artist.");
        }

        List<Genre>? genres = null;
        if (request.Genres is { } genreNames)
        {
            var all = await db.Genres.ToListAsync(cancellationToken);
            if (!TrackMetadataRules.TryResolve(all, genreNames, g => g.Name, g => g.Slug, out genres, out var unknown))
            {
                return Problems.Field("genres", $"'{unknown}' is not a genre; see GET /api/v1/genres.");
            }
        }

        List<Mood>? moods = null;
        if (request.Moods is { } moodNames)
        {
            var all = await db.Moods.ToListAsync(cancellationToken);
            if (!TrackMetadataRules.TryResolve(all, moodNames, m => m.Name, m => m.Slug, out moods, out var unknown))
            {
                return Problems.Field("moods", $"'{unknown}' is not a mood; see GET /api/v1/moods.");
            }
        }

        if (request.Published == true && track.Status != TrackStatus.Ready)
        {
            return Problems.Conflict("track-not-ready", "Only a ready track can be published.",
                $"The track is {track.Status.ToString().ToLowerInvariant()}; it is published when processing finishes unless you unpublish it.");
        }

        if (request.Album is { } albumTitle)
        {
            await MoveToAlbumAsync(db, track, albumTitle.Trim(), clock, cancellationToken);
        }

        var wasPublished = track.Published;
        Apply(track, request, genres, moods);
        track.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        if (!wasPublished && track.Published)
        {
            await releases.ScheduleAsync(ReleaseAnnouncer.ReleaseOf(track), cancellationToken);
        }

        return TypedResults.Ok((await CatalogMapper.FindTrackAsync(db, id, user, cancellationToken))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTrackAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.Include(t => t.Artist).SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (track is null || !CatalogAccess.CanView(track, user))
        {
            return Problems.NotFound("The track");
        }

        if (!CatalogAccess.CanManage(track.Artist, user))
        {
            return Problems.Forbidden("forbidden", "You may delete only your own artists' tracks.");
        }

        db.Tracks.Remove(track);
        await db.SaveChangesAsync(cancellationToken);

        // The row goes first: a failure below leaves unreferenced files, never a track pointing at missing ones.
        foreach (var key in new[] { track.OriginalKey, track.OpusKey, track.AacKey, track.WaveformKey, track.CoverKey })
        {
            if (key is not null)
            {
                await storage.DeleteAsync(key, cancellationToken);
            }
        }

        if (track.HlsPrefix is { } prefix)
        {
            await storage.DeletePrefixAsync(prefix.EndsWith('/') ? prefix : prefix + "/", cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task MoveToAlbumAsync(SelahDbContext db, Track track, string title, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (title.Length == 0)
        {
            track.AlbumId = null;
            track.Album = null;
            return;
        }

        var slug = CatalogSlugs.From(title, 200);
        var album = await db.Albums.FirstOrDefaultAsync(a => a.ArtistId == track.ArtistId && (a.Title == title || a.Slug == slug), cancellationToken);
        if (album is null)
        {
            var artistId = track.ArtistId;
            album = new Album
            {
                ArtistId = artistId,
                Title = title,
                Slug = await CatalogSlugs.UniqueAsync(title, s => db.Albums.AnyAsync(a => a.ArtistId == artistId && a.Slug == s, cancellationToken), 200),
                Year = track.Year,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Albums.Add(album);
        }

        track.Album = album;
        track.AlbumId = album.Id;
    }

    private static void Apply(Track track, TrackMetadataRequest request, List<Genre>? genres, List<Mood>? moods)
    {
        if (request.Title is { } title)
        {
            track.Title = title.Trim();
        }

        track.DiscNumber = request.DiscNumber ?? track.DiscNumber;
        track.TrackNumber = request.TrackNumber ?? track.TrackNumber;
        track.Year = request.Year ?? track.Year;
        if (genres is not null)
        {
            track.Genres.Clear();
            track.Genres.AddRange(genres);
        }

        if (moods is not null)
        {
            track.Moods.Clear();
            track.Moods.AddRange(moods);
        }

        track.Themes = request.Themes is { } themes ? TrackMetadataRules.Clean(themes) : track.Themes;
        track.ScriptureReferences = request.ScriptureReferences is { } references ? TrackMetadataRules.Clean(references) : track.ScriptureReferences;
        track.Credits = request.Credits is { } credits ? TrackMetadataRules.Clean(credits) : track.Credits;
        track.Lyrics = request.Lyrics is { } lyrics ? NullIfEmpty(lyrics) : track.Lyrics;
        track.SyncedLyrics = request.SyncedLyrics is { } synced ? NullIfEmpty(synced) : track.SyncedLyrics;
        track.CcliNumber = request.CcliNumber is { } ccli ? NullIfEmpty(ccli) : track.CcliNumber;
        track.Isrc = request.Isrc is { } isrc ? NullIfEmpty(isrc) : track.Isrc;
        if (request.Published is { } published)
        {
            track.Published = published;
            track.PublishWhenReady = published; // an unpublished track stays unpublished when a re-processing finishes
        }
    }

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
