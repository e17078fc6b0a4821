using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Accounts;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Media;

/// <summary>
/// Finds or creates the artist and album an upload belongs to. Admins may name any artist (created when missing);
/// an artist account may only upload to artists it owns, and gets one of its own when it names a new one or none.
/// </summary>
internal static class CatalogPlacement
{
    public const string UnknownArtist = "Unknown Artist";

    public static async Task<Artist> ArtistAsync(SelahDbContext db, Guid uploaderId, string? wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var isAdmin = await db.UserRoles.AnyAsync(ur => ur.UserId == uploaderId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin), cancellationToken);
        var name = string.IsNullOrWhiteSpace(wanted) ? null : wanted.Trim();
        var slug = name is null ? null : CatalogSlugs.From(name);
        if (isAdmin)
        {
            name ??= UnknownArtist;
            slug ??= CatalogSlugs.From(name);
            var existing = await db.Artists.FirstOrDefaultAsync(a => a.Name == name || a.Slug == slug, cancellationToken);
            return existing ?? await CreateArtistAsync(db, name, ownerId: null, now);
        }

        var owned = await db.Artists.Where(a => a.OwnerId == uploaderId).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        if (name is null)
        {
            if (owned.Count > 0)
            {
                return owned[0];
            }

            var displayName = await db.Users.Where(u => u.Id == uploaderId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
            return await CreateArtistAsync(db, string.IsNullOrWhiteSpace(displayName) ? UnknownArtist : displayName.Trim(), uploaderId, now);
        }

        if (owned.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase) || a.Slug == slug) is { } mine)
        {
            return mine;
        }

        if (await db.Artists.AnyAsync(a => a.Name == name || a.Slug == slug, cancellationToken))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, "not-your-artist", "You can only upload to artists you manage.",
                $"The artist '{name}' belongs to another account. Leave the artist empty or name one of your own.");
        }

        return await CreateArtistAsync(db, name, uploaderId, now);
    }

    public static async Task<Album?> AlbumAsync(SelahDbContext db, Artist artist, string? wanted, int? year, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(wanted))
        {
            return null;
        }

        var title = wanted.Trim();
        var slug = CatalogSlugs.From(title, 200);
        var existing = await db.Albums.FirstOrDefaultAsync(a => a.ArtistId == artist.Id && (a.Title == title || a.Slug == slug), cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var album = new Album
        {
            ArtistId = artist.Id,
            Artist = artist,
            Title = title,
            Slug = await CatalogSlugs.UniqueAsync(title, s => db.Albums.AnyAsync(a => a.ArtistId == artist.Id && a.Slug == s, cancellationToken), 200),
            Year = year,
            CreatedAt = now,
        };
        db.Albums.Add(album);
        return album;
    }

    private static async Task<Artist> CreateArtistAsync(SelahDbContext db, string name, Guid? ownerId, DateTimeOffset now)
    {
        var artist = new Artist
        {
            Name = name,
            Slug = await CatalogSlugs.UniqueAsync(name, s => db.Artists.AnyAsync(a => a.Slug == s)),
            OwnerId = ownerId,
            CreatedAt = now,
        };
        db.Artists.Add(artist);
        return artist;
    }
}
