using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>Artists: the public list and profile, and edits by the artist's owner or an administrator.</summary>
public static class ArtistsApi
{
    public const int TopTrackCount = 10;

    public static RouteGroupBuilder MapArtistReads(this RouteGroupBuilder artists)
    {
        artists.MapGet("/", ListArtistsAsync).WithName("ListArtists").WithSummary("Artists by name or newest, keyset paged.");
        artists.MapGet("/{idOrSlug}", GetArtistAsync).WithName("GetArtist").WithSummary("An artist with albums and top tracks.");
        return artists;
    }

    public static RouteGroupBuilder MapArtistEdits(this RouteGroupBuilder artists)
    {
        artists.MapPatch("/{id:guid}", UpdateArtistAsync).WithName("UpdateArtist")
            .WithSummary("Change name, bio and links; administrators also verified and owner.");
        return artists;
    }

    public static async Task<Results<Ok<CatalogPage<ArtistSummary>>, ValidationProblem>> ListArtistsAsync(
        [AsParameters] ArtistListQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var sort = (query.Sort ?? "name").Trim().ToLowerInvariant();
        if (sort is not ("name" or "newest"))
        {
            return Problems.Field("sort", "Sort must be name or newest.");
        }

        var artists = db.Artists.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim().ToUpperInvariant();
            artists = artists.Where(a => a.Name.ToUpper().Contains(text));
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, sort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var (name, id) = (cursor.Key, cursor.Id);
            artists = sort == "name"
                ? artists.Where(a => string.Compare(a.Name, name) > 0 || (a.Name == name && a.Id.CompareTo(id) > 0))
                : artists.Where(a => a.Id.CompareTo(id) < 0);
        }

        artists = sort == "name" ? artists.OrderBy(a => a.Name).ThenBy(a => a.Id) : artists.OrderByDescending(a => a.Id);
        var rows = await artists.Take(limit + 1).Select(CatalogMapper.ArtistSummaries).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        string? next = null;
        if (rows.Count > limit)
        {
            next = (sort == "name" ? CatalogCursor.For(sort, page[^1].Name, page[^1].Id) : CatalogCursor.For(sort, page[^1].Id)).Encode();
        }

        return TypedResults.Ok(new CatalogPage<ArtistSummary>(page, next));
    }

    public static async Task<Results<Ok<ArtistResponse>, ProblemHttpResult>> GetArtistAsync(
        string idOrSlug, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var artists = db.Artists.AsNoTracking();
        var artist = Guid.TryParse(idOrSlug, out var id)
            ? await artists.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            : idOrSlug.Length <= 140 ? await artists.SingleOrDefaultAsync(a => a.Slug == idOrSlug.ToLowerInvariant(), cancellationToken) : null;
        if (artist is null)
        {
            return Problems.NotFound("The artist");
        }

        var albums = await CatalogQueries.VisibleAlbums(db, user).Where(a => a.ArtistId == artist.Id)
            .OrderByDescending(a => a.Year).ThenByDescending(a => a.Id).Select(CatalogMapper.AlbumSummaries).ToListAsync(cancellationToken);
        var top = await CatalogQueries.VisibleTracks(db, user).Where(t => t.ArtistId == artist.Id)
            .OrderByDescending(t => t.PlayCount).ThenByDescending(t => t.Id).Take(TopTrackCount)
            .Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(artist, albums, await CatalogMapper.ToResponsesAsync(db, top, user, cancellationToken)));
    }

    public static async Task<Results<Ok<ArtistResponse>, ValidationProblem, ProblemHttpResult>> UpdateArtistAsync(
        Guid id, ArtistUpdateRequest request, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
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

        if ((request.Verified is not null || request.OwnerId is not null) && !CatalogAccess.IsAdmin(user))
        {
            return Problems.Forbidden("admin-only", "Only administrators may change verification or ownership.");
        }

        if (request.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            return Problems.Field("name", "Name must not be empty.");
        }

        if (request.Links?.FirstOrDefault(l => !IsWebLink(l)) is { } badLink)
        {
            return Problems.Field("links", $"'{(badLink.Length > 40 ? badLink[..40] + "…" : badLink)}' is not an http or https URL.");
        }

        if (request.OwnerId is { } ownerId && ownerId != Guid.Empty && !await db.Users.AnyAsync(u => u.Id == ownerId, cancellationToken))
        {
            return Problems.Field("ownerId", "No user has this id.");
        }

        artist.Name = request.Name?.Trim() ?? artist.Name;
        artist.Bio = request.Bio is { } bio ? (string.IsNullOrWhiteSpace(bio) ? null : bio) : artist.Bio;
        artist.Links = request.Links is { } links ? TrackMetadataRules.Clean(links) : artist.Links;
        artist.Verified = request.Verified ?? artist.Verified;
        artist.OwnerId = request.OwnerId is { } owner ? (owner == Guid.Empty ? null : owner) : artist.OwnerId;
        await db.SaveChangesAsync(cancellationToken);
        return (await GetArtistAsync(id.ToString(), user, db, cancellationToken)).Result switch
        {
            Ok<ArtistResponse> ok => ok,
            _ => Problems.NotFound("The artist"),
        };
    }

    private static bool IsWebLink(string? link) =>
        link is { Length: <= 500 } && Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);

    private static ArtistResponse ToResponse(Artist artist, IReadOnlyList<AlbumSummary> albums, IReadOnlyList<TrackResponse> top) => new()
    {
        Id = artist.Id,
        Name = artist.Name,
        Slug = artist.Slug,
        Bio = artist.Bio,
        ImageUrl = CatalogMapper.ArtistImageUrl(artist.Id, artist.ImageKey),
        Verified = artist.Verified,
        Links = artist.Links,
        Albums = albums,
        TopTracks = top,
    };
}
