using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Accounts;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>Public track reads: the filtered, sorted, keyset-paged list, one track and its lyrics.</summary>
public static class TracksApi
{
    private static readonly string[] Sorts = ["newest", "title", "plays", "duration"];

    public static RouteGroupBuilder MapTrackReads(this RouteGroupBuilder tracks)
    {
        tracks.MapGet("/", ListTracksAsync).WithName("ListTracks").WithSummary("Tracks with filters, sorting and keyset paging.");
        tracks.MapGet("/{id:guid}", GetTrackAsync).WithName("GetTrack").WithSummary("One track.");
        tracks.MapGet("/{id:guid}/lyrics", GetLyricsAsync).WithName("GetTrackLyrics").WithSummary("Plain and time-synced (LRC) lyrics.");
        return tracks;
    }

    public static async Task<Results<Ok<CatalogPage<TrackResponse>>, ValidationProblem, ProblemHttpResult>> ListTracksAsync(
        [AsParameters] TrackListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var sort = (query.Sort ?? "newest").Trim().ToLowerInvariant();
        if (!Sorts.Contains(sort))
        {
            return Problems.Field("sort", "Sort must be newest, title, plays or duration.");
        }

        CatalogCursor? cursor = null;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, sort, out var decoded)
                || (sort == "plays" && !decoded.TryGetLong(out _)) || (sort == "duration" && !decoded.TryGetDouble(out _)))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            cursor = decoded;
        }

        IQueryable<Track> tracks;
        if (query.Mine == true)
        {
            if (user.TryGetUserId() is not { } me)
            {
                return Problems.Create(StatusCodes.Status401Unauthorized, "unauthorized", "Sign in to list your own tracks.");
            }

            tracks = CatalogQueries.OwnTracks(db, me);
        }
        else
        {
            tracks = CatalogQueries.VisibleTracks(db, user);
        }

        if (!string.IsNullOrEmpty(query.Status))
        {
            if (!CatalogAccess.IsAdmin(user) && !user.IsInRole(Roles.Artist))
            {
                return Problems.Forbidden("forbidden", "Only artists and administrators may filter by processing status.");
            }

            if (!Enum.TryParse<TrackStatus>(query.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(query.Status, out _))
            {
                return Problems.Field("status", "Status must be uploaded, processing, ready or failed.");
            }

            tracks = tracks.Where(t => t.Status == status);
        }

        if (query.Q is { Length: > 200 })
        {
            return Problems.Field("q", "Search text must be at most 200 characters.");
        }

        if (query.Scripture is { } scripture && (scripture.Length > 60 || !OsisReferences.IsPrefix(scripture)))
        {
            return Problems.Field("scripture", "Scripture must be an OSIS reference or prefix such as Ps.23 or John.3.16.");
        }

        tracks = Filter(tracks, query);
        var rows = await Order(tracks, sort, cursor).Take(limit + 1).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? NextCursor(sort, page[^1]).Encode() : null;
        return TypedResults.Ok(new CatalogPage<TrackResponse>(await CatalogMapper.ToResponsesAsync(db, page, user, cancellationToken), next));
    }

    public static async Task<Results<Ok<TrackResponse>, ProblemHttpResult>> GetTrackAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var track = await CatalogMapper.FindTrackAsync(db, id, user, cancellationToken);
        return track is null ? Problems.NotFound("The track") : TypedResults.Ok(track);
    }

    public static async Task<Results<Ok<LyricsResponse>, ProblemHttpResult>> GetLyricsAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var lyrics = await CatalogQueries.VisibleTracks(db, user).Where(t => t.Id == id)
            .Select(t => new LyricsResponse(t.Id, t.Lyrics, t.SyncedLyrics)).SingleOrDefaultAsync(cancellationToken);
        return lyrics is null ? Problems.NotFound("The track") : TypedResults.Ok(lyrics);
    }

    private static IQueryable<Track> Filter(IQueryable<Track> tracks, TrackListQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            // Upper-casing both sides keeps the match case-insensitive on SQLite (ASCII) and PostgreSQL alike.
            var text = query.Q.Trim().ToUpperInvariant();
            tracks = tracks.Where(t => t.Title.ToUpper().Contains(text) || t.Artist.Name.ToUpper().Contains(text)
                || (t.Album != null && t.Album.Title.ToUpper().Contains(text)));
        }

        if (query.ArtistId is { } artistId)
        {
            tracks = tracks.Where(t => t.ArtistId == artistId);
        }

        if (query.AlbumId is { } albumId)
        {
            tracks = tracks.Where(t => t.AlbumId == albumId);
        }

        if (!string.IsNullOrWhiteSpace(query.Genre))
        {
            var genre = query.Genre.Trim().ToLowerInvariant();
            tracks = tracks.Where(t => t.Genres.Any(g => g.Slug == genre));
        }

        if (!string.IsNullOrWhiteSpace(query.Mood))
        {
            var mood = query.Mood.Trim().ToLowerInvariant();
            tracks = tracks.Where(t => t.Moods.Any(m => m.Slug == mood));
        }

        if (!string.IsNullOrWhiteSpace(query.Theme))
        {
            var theme = query.Theme.Trim();
            tracks = tracks.Where(t => t.Themes.Contains(theme));
        }

        if (!string.IsNullOrWhiteSpace(query.Scripture))
        {
            // "John.3" matches John.3, John.3.16 and John.3.16-John.3.18, but not John.30.
            var exact = query.Scripture.Trim();
            var verse = exact + ".";
            var range = exact + "-";
            tracks = tracks.Where(t => t.ScriptureReferences.Any(r => r == exact || r.StartsWith(verse) || r.StartsWith(range)));
        }

        return tracks;
    }

    private static IQueryable<Track> Order(IQueryable<Track> tracks, string sort, CatalogCursor? cursor)
    {
        switch (sort)
        {
            case "title":
                if (cursor is { } c1)
                {
                    var (title, id) = (c1.Key, c1.Id);
                    tracks = tracks.Where(t => string.Compare(t.Title, title) > 0 || (t.Title == title && t.Id.CompareTo(id) > 0));
                }

                return tracks.OrderBy(t => t.Title).ThenBy(t => t.Id);
            case "plays":
                if (cursor is { } c2)
                {
                    c2.TryGetLong(out var plays);
                    var id = c2.Id;
                    tracks = tracks.Where(t => t.PlayCount < plays || (t.PlayCount == plays && t.Id.CompareTo(id) < 0));
                }

                return tracks.OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.Id);
            case "duration":
                if (cursor is { } c3)
                {
                    c3.TryGetDouble(out var seconds);
                    var id = c3.Id;
                    tracks = tracks.Where(t => (t.DurationSeconds ?? 0) > seconds || ((t.DurationSeconds ?? 0) == seconds && t.Id.CompareTo(id) > 0));
                }

                return tracks.OrderBy(t => t.DurationSeconds ?? 0).ThenBy(t => t.Id);
            default:
                if (cursor is { } c4)
                {
                    var id = c4.Id;
                    tracks = tracks.Where(t => t.Id.CompareTo(id) < 0);
                }

                // Version-7 ids order by creation time; (Published, Id) and (ArtistId, Id) serve this order.
                return tracks.OrderByDescending(t => t.Id);
        }
    }

    private static CatalogCursor NextCursor(string sort, TrackRow last) => sort switch
    {
        "title" => CatalogCursor.For(sort, last.Title, last.Id),
        "plays" => CatalogCursor.For(sort, last.PlayCount, last.Id),
        "duration" => CatalogCursor.For(sort, last.DurationSeconds ?? 0, last.Id),
        _ => CatalogCursor.For(sort, last.Id),
    };
}
