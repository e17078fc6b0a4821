using Microsoft.EntityFrameworkCore;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Catalog;

/// <summary>Creates the genres and moods of the field once; rows that exist (by slug) are left alone, so renames by an admin survive.</summary>
internal sealed class CatalogSeeder(SelahDbContext db) : IStartupSeeder
{
    public static readonly IReadOnlyList<string> GenreNames =
    [
        "Worship", "Gospel", "Hymns", "Contemporary Christian", "Christian Hip-Hop", "Choral", "Instrumental", "Southern Gospel",
        "Kids", "Christmas", "Spoken Word", "Classical Sacred",
    ];

    public static readonly IReadOnlyList<string> MoodNames =
        ["Peaceful", "Joyful", "Reflective", "Celebratory", "Prayerful", "Hopeful", "Contemplative", "Energetic"];

    public int Order => 20;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var genres = await db.Genres.Select(g => g.Slug).ToListAsync(cancellationToken);
        foreach (var name in GenreNames.Where(n => !genres.Contains(CatalogSlugs.From(n))))
        {
            db.Genres.Add(new Genre { Name = name, Slug = CatalogSlugs.From(name) });
        }

        var moods = await db.Moods.Select(m => m.Slug).ToListAsync(cancellationToken);
        foreach (var name in MoodNames.Where(n => !moods.Contains(CatalogSlugs.From(n))))
        {
            db.Moods.Add(new Mood { Name = name, Slug = CatalogSlugs.From(name) });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node may have seeded the same slugs at the same moment; theirs are as good as ours.
            db.ChangeTracker.Clear();
            if (await db.Genres.CountAsync(cancellationToken) < GenreNames.Count || await db.Moods.CountAsync(cancellationToken) < MoodNames.Count)
            {
                throw;
            }
        }
    }
}
