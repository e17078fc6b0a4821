using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Selah.Contracts.Accounts;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;

namespace Selah.Tests.Testing;

/// <summary>
/// Arranges catalogue rows straight through the DbContext (uploads belong to the media pipeline) and signs in the people
/// who look at them: an artist account owning an artist, a plain listener, the admin.
/// </summary>
public static class CatalogSteps
{
    private static readonly Lock IdGate = new();
    private static DateTimeOffset _lastIdTime;

    /// <summary>
    /// A version-7 id at least 1 ms after the previous one: ids made in the same millisecond differ only in random bits,
    /// so "newest first" among rows arranged back to back is only defined when their timestamps differ.
    /// </summary>
    public static Guid NextId()
    {
        lock (IdGate)
        {
            var now = DateTimeOffset.UtcNow;
            _lastIdTime = now > _lastIdTime.AddMilliseconds(1) ? now : _lastIdTime.AddMilliseconds(1);
            return Guid.CreateVersion7(_lastIdTime);
        }
    }

    public static string NewMarker() => "m" + Guid.NewGuid().ToString("N")[..10];

    public static async Task<T> WithDbAsync<T>(this SelahFactory factory, Func<SelahDbContext, Task<T>> work)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
        return await work(db);
    }

    public static Task<Artist> AddArtistAsync(this SelahFactory factory, string name, Guid? ownerId = null) =>
        factory.WithDbAsync(async db =>
        {
            var artist = new Artist { Id = NextId(), Name = name, Slug = CatalogSlugs.From(name) + "-" + Guid.NewGuid().ToString("N")[..6], OwnerId = ownerId, CreatedAt = DateTimeOffset.UtcNow };
            db.Artists.Add(artist);
            await db.SaveChangesAsync();
            return artist;
        });

    public static Task<Album> AddAlbumAsync(this SelahFactory factory, Guid artistId, string title, bool published = true, int? year = null) =>
        factory.WithDbAsync(async db =>
        {
            var album = new Album { Id = NextId(), ArtistId = artistId, Title = title, Slug = CatalogSlugs.From(title) + "-" + Guid.NewGuid().ToString("N")[..6], Published = published, Year = year, CreatedAt = DateTimeOffset.UtcNow };
            db.Albums.Add(album);
            await db.SaveChangesAsync();
            return album;
        });

    /// <summary>A published, ready track unless <paramref name="configure"/> says otherwise; genres and moods by slug.</summary>
    public static Task<Track> AddTrackAsync(this SelahFactory factory, Guid artistId, string title, Action<Track>? configure = null,
        string[]? genres = null, string[]? moods = null) =>
        factory.WithDbAsync(async db =>
        {
            var track = new Track { Id = NextId(), ArtistId = artistId, Title = title, Published = true, Status = TrackStatus.Ready, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
            configure?.Invoke(track);
            foreach (var slug in genres ?? [])
            {
                track.Genres.Add(db.Genres.Single(g => g.Slug == slug));
            }

            foreach (var slug in moods ?? [])
            {
                track.Moods.Add(db.Moods.Single(m => m.Slug == slug));
            }

            db.Tracks.Add(track);
            await db.SaveChangesAsync();
            return track;
        });

    /// <summary>A new account with the artist role (granted by the admin), signed in after the grant so its token carries it.</summary>
    public static async Task<SignedInAccount> SignInNewArtistAsync(this SelahFactory factory)
    {
        var account = await factory.RegisterVerifiedAsync("Test Artist");
        using var admin = await factory.CreateAdminClientAsync();
        var grant = await admin.PutJsonAsync($"/api/v1/admin/users/{account.UserId}/roles", new { roles = new[] { Roles.Listener, Roles.Artist } });
        await grant.ShouldHaveStatusAsync(HttpStatusCode.OK);
        return await factory.SignInAsync(account);
    }

    /// <summary>Every page of a keyset list, following nextCursor; fails on a runaway loop.</summary>
    public static async Task<List<T>> ReadAllPagesAsync<T>(this HttpClient client, string url, int limit)
    {
        var items = new List<T>();
        string? cursor = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var separator = url.Contains('?') ? '&' : '?';
            var pageUrl = $"{url}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await client.GetAsync(pageUrl)).ReadJsonAsync<CatalogPage<T>>();
            Assert.True(page.Items.Count <= limit, $"{pageUrl} returned {page.Items.Count} items for limit {limit}");
            items.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return items;
            }

            cursor = page.NextCursor;
        }

        throw new InvalidOperationException($"{url} did not end after 50 pages");
    }
}
