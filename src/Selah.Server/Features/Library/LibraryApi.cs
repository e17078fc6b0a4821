using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Contracts.Library;
using Selah.Server.Features.Calendar;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Library;

/// <summary>
/// The caller's library: favourite tracks, albums and artists (with a bulk "is favourite" lookup), followed artists,
/// recently played (consecutive repeats folded), "continue where you left off", and the home page's shelves.
/// </summary>
public static class LibraryApi
{
    /// <summary>Tracks at least this long are resumable ("continue where you left off").</summary>
    public const double LongTrackSeconds = 600;
    public const int MaxStatusIds = 100;

    public static IEndpointRouteBuilder MapLibraryApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Library").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("/favourites/status", GetFavouriteStatusAsync).WithName("GetFavouriteStatus")
            .WithSummary("Which of the given track, album and artist ids are favourites (and which artists are followed).");
        me.MapGet("/favourites/tracks", ListFavouriteTracksAsync).WithName("ListFavouriteTracks").WithSummary("Favourite tracks, latest first.");
        me.MapGet("/favourites/albums", ListFavouriteAlbumsAsync).WithName("ListFavouriteAlbums").WithSummary("Favourite albums, latest first.");
        me.MapGet("/favourites/artists", ListFavouriteArtistsAsync).WithName("ListFavouriteArtists").WithSummary("Favourite artists, latest first.");
        me.MapPut("/favourites/tracks/{id:guid}", AddFavouriteTrackAsync).WithName("AddFavouriteTrack").WithSummary("Favourite a track (idempotent).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("/favourites/tracks/{id:guid}", RemoveFavouriteTrackAsync).WithName("RemoveFavouriteTrack").WithSummary("Unfavourite a track (idempotent).");
        me.MapPut("/favourites/albums/{id:guid}", AddFavouriteAlbumAsync).WithName("AddFavouriteAlbum").WithSummary("Favourite an album (idempotent).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("/favourites/albums/{id:guid}", RemoveFavouriteAlbumAsync).WithName("RemoveFavouriteAlbum").WithSummary("Unfavourite an album (idempotent).");
        me.MapPut("/favourites/artists/{id:guid}", AddFavouriteArtistAsync).WithName("AddFavouriteArtist").WithSummary("Favourite an artist (idempotent).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("/favourites/artists/{id:guid}", RemoveFavouriteArtistAsync).WithName("RemoveFavouriteArtist").WithSummary("Unfavourite an artist (idempotent).");
        me.MapGet("/following/artists", ListFollowedArtistsAsync).WithName("ListFollowedArtists").WithSummary("Followed artists, latest first.");
        me.MapPut("/following/artists/{id:guid}", FollowArtistAsync).WithName("FollowArtist").WithSummary("Follow an artist (idempotent).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        me.MapDelete("/following/artists/{id:guid}", UnfollowArtistAsync).WithName("UnfollowArtist").WithSummary("Unfollow an artist (idempotent).");
        me.MapGet("/history", ListHistoryAsync).WithName("ListListeningHistory").WithSummary("Recently played, latest first; consecutive repeats folded.");
        me.MapGet("/continue", ListContinueAsync).WithName("ListContinueListening")
            .WithSummary("Unfinished long tracks (10 minutes or more) and where the caller stopped, latest first.");

        app.MapGroup("/api/v1/home").WithTags("Library").MapGet("/", GetHomeAsync).WithName("GetHome")
            .WithSummary("Home page shelves: recently played and continue (signed in), new releases, featured, by mood.");
        return app;
    }

    public static async Task<Results<Ok<FavouriteStatusResponse>, ValidationProblem>> GetFavouriteStatusAsync(
        [AsParameters] FavouriteStatusQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var tracks = query.TrackIds ?? [];
        var albums = query.AlbumIds ?? [];
        var artists = query.ArtistIds ?? [];
        foreach (var (name, ids) in new[] { ("trackIds", tracks), ("albumIds", albums), ("artistIds", artists) })
        {
            if (ids.Length > MaxStatusIds)
            {
                return Problems.Field(name, $"At most {MaxStatusIds} ids per request.");
            }
        }

        var trackIds = tracks.Distinct().ToList();
        var albumIds = albums.Distinct().ToList();
        var artistIds = artists.Distinct().ToList();
        return TypedResults.Ok(new FavouriteStatusResponse(
            trackIds.Count == 0 ? [] : await db.FavouriteTracks.Where(f => f.UserId == me && trackIds.Contains(f.TrackId)).Select(f => f.TrackId).ToListAsync(cancellationToken),
            albumIds.Count == 0 ? [] : await db.FavouriteAlbums.Where(f => f.UserId == me && albumIds.Contains(f.AlbumId)).Select(f => f.AlbumId).ToListAsync(cancellationToken),
            artistIds.Count == 0 ? [] : await db.FavouriteArtists.Where(f => f.UserId == me && artistIds.Contains(f.ArtistId)).Select(f => f.ArtistId).ToListAsync(cancellationToken),
            artistIds.Count == 0 ? [] : await db.ArtistFollows.Where(f => f.UserId == me && artistIds.Contains(f.ArtistId)).Select(f => f.ArtistId).ToListAsync(cancellationToken)));
    }

    public static async Task<Results<Ok<CatalogPage<FavouriteTrack>>, ValidationProblem>> ListFavouriteTracksAsync(
        [AsParameters] LibraryListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var visible = CatalogQueries.VisibleTracks(db, user);
        var rows = db.FavouriteTracks.AsNoTracking().Where(f => f.UserId == me && visible.Any(t => t.Id == f.TrackId))
            .Select(f => new Keyed { Id = f.TrackId, At = f.CreatedAt });
        if (!TryPage(rows, query, "favtracks", out var page, out var limit, out var problem))
        {
            return problem!;
        }

        var keyed = await page!.ToListAsync(cancellationToken);
        var ids = keyed.Take(limit).Select(k => k.Id).ToList();
        var tracks = (await CatalogMapper.ToResponsesAsync(db, await visible.Where(t => ids.Contains(t.Id)).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken), user, cancellationToken))
            .ToDictionary(t => t.Id);
        var items = keyed.Take(limit).Where(k => tracks.ContainsKey(k.Id)).Select(k => new FavouriteTrack(tracks[k.Id], k.At)).ToList();
        return TypedResults.Ok(new CatalogPage<FavouriteTrack>(items, Next(keyed, limit, "favtracks")));
    }

    public static async Task<Results<Ok<CatalogPage<FavouriteAlbum>>, ValidationProblem>> ListFavouriteAlbumsAsync(
        [AsParameters] LibraryListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var visible = CatalogQueries.VisibleAlbums(db, user);
        var rows = db.FavouriteAlbums.AsNoTracking().Where(f => f.UserId == me && visible.Any(a => a.Id == f.AlbumId))
            .Select(f => new Keyed { Id = f.AlbumId, At = f.CreatedAt });
        if (!TryPage(rows, query, "favalbums", out var page, out var limit, out var problem))
        {
            return problem!;
        }

        var keyed = await page!.ToListAsync(cancellationToken);
        var ids = keyed.Take(limit).Select(k => k.Id).ToList();
        var albums = (await visible.Where(a => ids.Contains(a.Id)).Select(CatalogMapper.AlbumSummaries).ToListAsync(cancellationToken)).ToDictionary(a => a.Id);
        var items = keyed.Take(limit).Where(k => albums.ContainsKey(k.Id)).Select(k => new FavouriteAlbum(albums[k.Id], k.At)).ToList();
        return TypedResults.Ok(new CatalogPage<FavouriteAlbum>(items, Next(keyed, limit, "favalbums")));
    }

    public static async Task<Results<Ok<CatalogPage<FavouriteArtist>>, ValidationProblem>> ListFavouriteArtistsAsync(
        [AsParameters] LibraryListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var rows = db.FavouriteArtists.AsNoTracking().Where(f => f.UserId == me).Select(f => new Keyed { Id = f.ArtistId, At = f.CreatedAt });
        if (!TryPage(rows, query, "favartists", out var page, out var limit, out var problem))
        {
            return problem!;
        }

        var keyed = await page!.ToListAsync(cancellationToken);
        var artists = await ArtistsAsync(db, keyed.Take(limit), cancellationToken);
        var items = keyed.Take(limit).Where(k => artists.ContainsKey(k.Id)).Select(k => new FavouriteArtist(artists[k.Id], k.At)).ToList();
        return TypedResults.Ok(new CatalogPage<FavouriteArtist>(items, Next(keyed, limit, "favartists")));
    }

    public static async Task<Results<Ok<CatalogPage<FollowedArtist>>, ValidationProblem>> ListFollowedArtistsAsync(
        [AsParameters] LibraryListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var rows = db.ArtistFollows.AsNoTracking().Where(f => f.UserId == me).Select(f => new Keyed { Id = f.ArtistId, At = f.CreatedAt });
        if (!TryPage(rows, query, "following", out var page, out var limit, out var problem))
        {
            return problem!;
        }

        var keyed = await page!.ToListAsync(cancellationToken);
        var artists = await ArtistsAsync(db, keyed.Take(limit), cancellationToken);
        var items = keyed.Take(limit).Where(k => artists.ContainsKey(k.Id)).Select(k => new FollowedArtist(artists[k.Id], k.At)).ToList();
        return TypedResults.Ok(new CatalogPage<FollowedArtist>(items, Next(keyed, limit, "following")));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AddFavouriteTrackAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await CatalogQueries.VisibleTracks(db, user).AnyAsync(t => t.Id == id, cancellationToken))
        {
            return Problems.NotFound("The track");
        }

        var me = user.GetUserId();
        await InsertOnceAsync(db, db.FavouriteTracks.AnyAsync(f => f.UserId == me && f.TrackId == id, cancellationToken),
            new FavouriteTrackRow { UserId = me, TrackId = id, CreatedAt = clock.GetUtcNow() }, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> RemoveFavouriteTrackAsync(Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        await db.FavouriteTracks.Where(f => f.UserId == me && f.TrackId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AddFavouriteAlbumAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await CatalogQueries.VisibleAlbums(db, user).AnyAsync(a => a.Id == id, cancellationToken))
        {
            return Problems.NotFound("The album");
        }

        var me = user.GetUserId();
        await InsertOnceAsync(db, db.FavouriteAlbums.AnyAsync(f => f.UserId == me && f.AlbumId == id, cancellationToken),
            new FavouriteAlbumRow { UserId = me, AlbumId = id, CreatedAt = clock.GetUtcNow() }, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> RemoveFavouriteAlbumAsync(Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        await db.FavouriteAlbums.Where(f => f.UserId == me && f.AlbumId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> AddFavouriteArtistAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Artists.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return Problems.NotFound("The artist");
        }

        var me = user.GetUserId();
        await InsertOnceAsync(db, db.FavouriteArtists.AnyAsync(f => f.UserId == me && f.ArtistId == id, cancellationToken),
            new FavouriteArtistRow { UserId = me, ArtistId = id, CreatedAt = clock.GetUtcNow() }, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> RemoveFavouriteArtistAsync(Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        await db.FavouriteArtists.Where(f => f.UserId == me && f.ArtistId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> FollowArtistAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await db.Artists.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return Problems.NotFound("The artist");
        }

        var me = user.GetUserId();
        await InsertOnceAsync(db, db.ArtistFollows.AnyAsync(f => f.UserId == me && f.ArtistId == id, cancellationToken),
            new ArtistFollowRow { UserId = me, ArtistId = id, CreatedAt = clock.GetUtcNow() }, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> UnfollowArtistAsync(Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        await db.ArtistFollows.Where(f => f.UserId == me && f.ArtistId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<CatalogPage<HistoryEntry>>, ValidationProblem>> ListHistoryAsync(
        [AsParameters] LibraryListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        CatalogCursor? cursor = null;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, "history", out var decoded) || !decoded.TryGetLong(out _))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            cursor = decoded;
        }

        var (items, next) = await HistoryAsync(db, user, limit, cursor, cancellationToken);
        return TypedResults.Ok(new CatalogPage<HistoryEntry>(items, next));
    }

    public static async Task<Ok<List<ContinueListeningEntry>>> ListContinueAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ContinueAsync(db, user, 20, cancellationToken));

    public static async Task<Ok<HomeResponse>> GetHomeAsync(ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var signedIn = user.TryGetUserId() is not null;
        var visible = CatalogQueries.VisibleTracks(db, user);
        var newReleases = await CatalogQueries.VisibleAlbums(db, user)
            .Where(a => a.Tracks.Any(t => t.Published && t.Status == TrackStatus.Ready))
            .OrderByDescending(a => a.Id).Take(12).Select(CatalogMapper.AlbumSummaries).ToListAsync(cancellationToken);
        var featuredRows = await visible.Where(t => t.Published && t.Status == TrackStatus.Ready)
            .OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.Id).Take(10).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
        var featured = await CatalogMapper.ToResponsesAsync(db, featuredRows, user, cancellationToken);

        var moods = await db.Moods.AsNoTracking()
            .Select(m => new { m.Id, m.Name, m.Slug, Count = m.Tracks.Count(t => t.Published && t.Status == TrackStatus.Ready) })
            .Where(m => m.Count > 0).OrderByDescending(m => m.Count).ThenBy(m => m.Name).Take(6).ToListAsync(cancellationToken);
        var shelves = new List<HomeMoodShelf>();
        foreach (var mood in moods)
        {
            var moodId = mood.Id;
            var rows = await visible.Where(t => t.Published && t.Status == TrackStatus.Ready && t.Moods.Any(m => m.Id == moodId))
                .OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.Id).Take(8).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
            shelves.Add(new HomeMoodShelf(new TagResponse(mood.Id, mood.Name, mood.Slug), await CatalogMapper.ToResponsesAsync(db, rows, user, cancellationToken)));
        }

        // Seasonal content: tracks whose themes name the current season (UTC date), e.g. "Advent" or "advent".
        var season = LiturgicalCalendar.Current(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var names = new[] { season.Name, season.Name.ToLowerInvariant(), CultureInfo.InvariantCulture.TextInfo.ToTitleCase(season.Name.ToLowerInvariant()) }
            .Distinct().ToList();
        var seasonRows = await visible.Where(t => t.Published && t.Status == TrackStatus.Ready && t.Themes.Any(theme => names.Contains(theme)))
            .OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.Id).Take(8).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
        var seasonShelf = seasonRows.Count == 0
            ? null
            : new HomeSeasonShelf(season.Name, season.Color, await CatalogMapper.ToResponsesAsync(db, seasonRows, user, cancellationToken));

        return TypedResults.Ok(new HomeResponse
        {
            Season = seasonShelf,
            RecentlyPlayed = signedIn ? (await HistoryAsync(db, user, 10, null, cancellationToken)).Items : [],
            ContinueListening = signedIn ? await ContinueAsync(db, user, 10, cancellationToken) : [],
            NewReleases = newReleases,
            Featured = featured,
            Moods = shelves,
        });
    }

    /// <summary>
    /// Recently played from the plays table, newest first, consecutive plays of one track folded into the latest. The
    /// cursor is the start time and id of the last play folded into the page, so the next page resumes after that run.
    /// </summary>
    private static async Task<(List<HistoryEntry> Items, string? Next)> HistoryAsync(
        SelahDbContext db, ClaimsPrincipal user, int limit, CatalogCursor? cursor, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var visible = CatalogQueries.VisibleTracks(db, user);
        var plays = db.Plays.AsNoTracking().Where(p => p.UserId == me && visible.Any(t => t.Id == p.TrackId));
        if (cursor is { } c)
        {
            c.TryGetLong(out var ticks);
            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            var id = c.Id;
            plays = plays.Where(p => p.StartedAt < at || (p.StartedAt == at && p.Id.CompareTo(id) < 0));
        }

        var window = Math.Min(1000, (limit + 1) * 10);
        var raw = await plays.OrderByDescending(p => p.StartedAt).ThenByDescending(p => p.Id).Take(window)
            .Select(p => new { p.Id, p.TrackId, p.StartedAt }).ToListAsync(cancellationToken);
        var runs = new List<(Guid PlayId, Guid TrackId, DateTimeOffset At, Guid LastId, DateTimeOffset LastAt)>();
        foreach (var play in raw)
        {
            if (runs.Count > 0 && runs[^1].TrackId == play.TrackId)
            {
                runs[^1] = runs[^1] with { LastId = play.Id, LastAt = play.StartedAt };
                continue;
            }

            runs.Add((play.Id, play.TrackId, play.StartedAt, play.Id, play.StartedAt));
        }

        var page = runs.Take(limit).ToList();
        string? next = null;
        if (page.Count > 0 && (runs.Count > limit || raw.Count == window))
        {
            next = CatalogCursor.For("history", page[^1].LastAt.UtcTicks, page[^1].LastId).Encode();
        }

        var ids = page.Select(r => r.TrackId).Distinct().ToList();
        var tracks = (await CatalogMapper.ToResponsesAsync(db, await visible.Where(t => ids.Contains(t.Id)).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken), user, cancellationToken))
            .ToDictionary(t => t.Id);
        return (page.Where(r => tracks.ContainsKey(r.TrackId)).Select(r => new HistoryEntry(r.PlayId, tracks[r.TrackId], r.At)).ToList(), next);
    }

    /// <summary>The latest playback of each long track, when it stopped part-way (not completed, not in the last 30 seconds).</summary>
    private static async Task<List<ContinueListeningEntry>> ContinueAsync(SelahDbContext db, ClaimsPrincipal user, int limit, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var visible = CatalogQueries.VisibleTracks(db, user).Where(t => t.DurationSeconds >= LongTrackSeconds);
        var plays = await db.Plays.AsNoTracking().Where(p => p.UserId == me && visible.Any(t => t.Id == p.TrackId))
            .OrderByDescending(p => p.LastEventAt).Take(200)
            .Select(p => new { p.TrackId, p.LastPositionSeconds, p.LastEventAt, p.Completed }).ToListAsync(cancellationToken);
        var latest = plays.DistinctBy(p => p.TrackId).ToList();
        var ids = latest.Select(p => p.TrackId).ToList();
        var rows = await visible.Where(t => ids.Contains(t.Id)).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
        var tracks = (await CatalogMapper.ToResponsesAsync(db, rows, user, cancellationToken)).ToDictionary(t => t.Id);
        return latest.Where(p => tracks.ContainsKey(p.TrackId) && !p.Completed && p.LastPositionSeconds >= 5
                                 && p.LastPositionSeconds < (tracks[p.TrackId].DurationSeconds ?? 0) - 30)
            .Take(limit)
            .Select(p => new ContinueListeningEntry(tracks[p.TrackId], p.LastPositionSeconds, tracks[p.TrackId].DurationSeconds ?? 0, p.LastEventAt))
            .ToList();
    }

    private sealed class Keyed
    {
        public Guid Id { get; init; }
        public DateTimeOffset At { get; init; }
    }

    private static bool TryPage(IQueryable<Keyed> rows, LibraryListQuery query, string sort, out IQueryable<Keyed>? page, out int limit, out ValidationProblem? problem)
    {
        page = null;
        problem = null;
        if (!CatalogQueries.TryLimit(query.Limit, out limit))
        {
            problem = Problems.Field("limit", CatalogQueries.LimitMessage);
            return false;
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, sort, out var cursor) || !cursor.TryGetLong(out var ticks))
            {
                problem = Problems.Field("cursor", CatalogQueries.CursorMessage);
                return false;
            }

            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            var id = cursor.Id;
            rows = rows.Where(r => r.At < at || (r.At == at && r.Id.CompareTo(id) < 0));
        }

        page = rows.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(limit + 1);
        return true;
    }

    private static string? Next(List<Keyed> rows, int limit, string sort) =>
        rows.Count > limit ? CatalogCursor.For(sort, rows[limit - 1].At.UtcTicks.ToString(CultureInfo.InvariantCulture), rows[limit - 1].Id).Encode() : null;

    private static async Task<Dictionary<Guid, ArtistSummary>> ArtistsAsync(SelahDbContext db, IEnumerable<Keyed> keyed, CancellationToken cancellationToken)
    {
        var ids = keyed.Select(k => k.Id).ToList();
        return (await db.Artists.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(CatalogMapper.ArtistSummaries).ToListAsync(cancellationToken))
            .ToDictionary(a => a.Id);
    }

    private static async Task InsertOnceAsync<T>(SelahDbContext db, Task<bool> exists, T row, CancellationToken cancellationToken) where T : class
    {
        if (await exists)
        {
            return;
        }

        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // a concurrent request inserted the same row; the outcome is the same
            db.ChangeTracker.Clear();
        }
    }
}
