using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Catalog;

/// <summary>
/// <see cref="CatalogAccess"/>'s view rules as SQL filters, so lists filter in the database instead of after paging.
/// Keep the two in step: a row passes here exactly when <c>CatalogAccess.CanView</c> is true for it.
/// </summary>
public static class CatalogQueries
{
    public static IQueryable<Track> VisibleTracks(SelahDbContext db, ClaimsPrincipal user)
    {
        var tracks = db.Tracks.AsNoTracking();
        if (CatalogAccess.IsAdmin(user))
        {
            return tracks;
        }

        return user.TryGetUserId() is { } id
            ? tracks.Where(t => (t.Published && t.Status == TrackStatus.Ready) || t.UploadedById == id || t.Artist.OwnerId == id)
            : tracks.Where(t => t.Published && t.Status == TrackStatus.Ready);
    }

    public static IQueryable<Album> VisibleAlbums(SelahDbContext db, ClaimsPrincipal user)
    {
        var albums = db.Albums.AsNoTracking();
        if (CatalogAccess.IsAdmin(user))
        {
            return albums;
        }

        return user.TryGetUserId() is { } id
            ? albums.Where(a => a.Published || a.Artist.OwnerId == id)
            : albums.Where(a => a.Published);
    }

    /// <summary>Rows the caller manages (<see cref="CatalogAccess.CanManage"/>) or uploaded, in any state.</summary>
    public static IQueryable<Track> OwnTracks(SelahDbContext db, Guid userId) =>
        db.Tracks.AsNoTracking().Where(t => t.UploadedById == userId || t.Artist.OwnerId == userId);

    /// <summary>Parses a page size: absent → 25; otherwise 1–100.</summary>
    public static bool TryLimit(int? limit, out int size)
    {
        size = limit ?? 25;
        return size is >= 1 and <= 100;
    }

    public const string LimitMessage = "Limit must be between 1 and 100.";
    public const string CursorMessage = "The cursor is not valid for this list and sort.";
}
