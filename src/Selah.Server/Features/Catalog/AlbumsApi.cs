using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>Albums: the public list and detail (tracks in disc/track order), and edits by the artist's owner or an administrator.</summary>
public static class AlbumsApi
{
    public static RouteGroupBuilder MapAlbumReads(this RouteGroupBuilder albums)
    {
        albums.MapGet("/", ListAlbumsAsync).WithName("ListAlbums").WithSummary("Albums with filters, sorting and keyset paging.");
        albums.MapGet("/{id:guid}", GetAlbumAsync).WithName("GetAlbum").WithSummary("An album with its tracks.");
        return albums;
    }

    public static RouteGroupBuilder MapAlbumEdits(this RouteGroupBuilder albums)
    {
        albums.MapPatch("/{id:guid}", UpdateAlbumAsync).WithName("UpdateAlbum").WithSummary("Change title, type, year or published.");
        return albums;
    }

    public static async Task<Results<Ok<CatalogPage<AlbumSummary>>, ValidationProblem>> ListAlbumsAsync(
        [AsParameters] AlbumListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var sort = (query.Sort ?? "newest").Trim().ToLowerInvariant();
        if (sort is not ("newest" or "title" or "year"))
        {
            return Problems.Field("sort", "Sort must be newest, title or year.");
        }

        var albums = CatalogQueries.VisibleAlbums(db, user);
        if (query.ArtistId is { } artistId)
        {
            albums = albums.Where(a => a.ArtistId == artistId);
        }

        if (!string.IsNullOrWhiteSpace(query.Genre))
        {
            var genre = query.Genre.Trim().ToLowerInvariant();
            albums = albums.Where(a => a.Tracks.Any(t => t.Genres.Any(g => g.Slug == genre)));
        }

        if (query.Year is { } year)
        {
            albums = albums.Where(a => a.Year == year);
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, sort, out var cursor) || (sort == "year" && !cursor.TryGetLong(out _)))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var (key, id) = (cursor.Key, cursor.Id);
            cursor.TryGetLong(out var afterYear);
            albums = sort switch
            {
                "title" => albums.Where(a => string.Compare(a.Title, key) > 0 || (a.Title == key && a.Id.CompareTo(id) > 0)),
                "year" => albums.Where(a => (a.Year ?? 0) < afterYear || ((a.Year ?? 0) == afterYear && a.Id.CompareTo(id) < 0)),
                _ => albums.Where(a => a.Id.CompareTo(id) < 0),
            };
        }

        albums = sort switch
        {
            "title" => albums.OrderBy(a => a.Title).ThenBy(a => a.Id),
            "year" => albums.OrderByDescending(a => a.Year ?? 0).ThenByDescending(a => a.Id),
            _ => albums.OrderByDescending(a => a.Id),
        };
        var rows = await albums.Take(limit + 1).Select(CatalogMapper.AlbumSummaries).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            var last = page[^1];
            next = (sort switch
            {
                "title" => CatalogCursor.For(sort, last.Title, last.Id),
                "year" => CatalogCursor.For(sort, (long)(last.Year ?? 0), last.Id),
                _ => CatalogCursor.For(sort, last.Id),
            }).Encode();
        }

        return TypedResults.Ok(new CatalogPage<AlbumSummary>(page, next));
    }

    public static async Task<Results<Ok<AlbumResponse>, ProblemHttpResult>> GetAlbumAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var album = await CatalogQueries.VisibleAlbums(db, user).Include(a => a.Artist).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (album is null)
        {
            return Problems.NotFound("The album");
        }

        var rows = await CatalogQueries.VisibleTracks(db, user).Where(t => t.AlbumId == id)
            .OrderBy(t => t.DiscNumber ?? 1).ThenBy(t => t.TrackNumber ?? int.MaxValue).ThenBy(t => t.Title).ThenBy(t => t.Id)
            .Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
        var tracks = await CatalogMapper.ToResponsesAsync(db, rows, user, cancellationToken);
        return TypedResults.Ok(new AlbumResponse
        {
            Id = album.Id,
            Title = album.Title,
            Slug = album.Slug,
            Type = album.Type,
            Year = album.Year,
            CoverUrl = CatalogMapper.AlbumCoverUrl(album.Id, album.CoverKey),
            Published = album.Published,
            Artist = CatalogMapper.ToSummary(album.Artist),
            Tracks = tracks,
            DurationSeconds = tracks.Sum(t => t.DurationSeconds ?? 0),
        });
    }

    public static async Task<Results<Ok<AlbumResponse>, ValidationProblem, ProblemHttpResult>> UpdateAlbumAsync(
        Guid id, AlbumUpdateRequest request, ClaimsPrincipal user, SelahDbContext db, ReleaseAnnouncer releases, CancellationToken cancellationToken)
    {
        var album = await db.Albums.Include(a => a.Artist).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (album is null || !CatalogAccess.CanView(album, user))
        {
            return Problems.NotFound("The album");
        }

        if (!CatalogAccess.CanManage(album.Artist, user))
        {
            return Problems.Forbidden("forbidden", "You may change only your own artists' albums.");
        }

        if (request.Title is { } title && string.IsNullOrWhiteSpace(title))
        {
            return Problems.Field("title", "Title must not be empty.");
        }

        if (request.Type is { } type && !Enum.IsDefined(type))
        {
            return Problems.Field("type", "Type must be Album, EP or Single.");
        }

        if (request.Title is { } newTitle && newTitle.Trim() != album.Title)
        {
            album.Title = newTitle.Trim();
            var artistId = album.ArtistId;
            album.Slug = await CatalogSlugs.UniqueAsync(album.Title,
                s => db.Albums.AnyAsync(a => a.ArtistId == artistId && a.Slug == s && a.Id != id, cancellationToken), 200);
        }

        album.Type = request.Type ?? album.Type;
        album.Year = request.Year ?? album.Year;
        var wasPublished = album.Published;
        album.Published = request.Published ?? album.Published;
        await db.SaveChangesAsync(cancellationToken);
        if (!wasPublished && album.Published)
        {
            await releases.ScheduleAsync(album.Id, cancellationToken);
        }

        return (await GetAlbumAsync(id, user, db, cancellationToken)).Result switch
        {
            Ok<AlbumResponse> ok => ok,
            _ => Problems.NotFound("The album"),
        };
    }
}
