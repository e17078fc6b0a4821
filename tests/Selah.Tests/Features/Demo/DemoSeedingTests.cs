using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Selah.Server.Features.Demo;
using Selah.Server.Infrastructure.Data;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Demo;

/// <summary>
/// Seeding one (short) demo hymn through the real media pipeline: the ensembles and albums appear with covers, the hymn
/// becomes a ready, public track with its lyrics and scripture, and seeding again adds nothing and renders nothing.
/// </summary>
public sealed class DemoSeedingTests(DemoSeedingTests.DemoFactory factory) : IClassFixture<DemoSeedingTests.DemoFactory>
{
    [Fact]
    public async Task Seeded_hymn_becomes_a_public_track_with_lyrics_and_seeding_again_changes_nothing()
    {
        using var anonymous = factory.CreateClient();
        var seeder = factory.Services.GetRequiredService<DemoSeeder>();
        var renderer = factory.Services.GetRequiredService<HymnRenderer>();
        var hymn = DemoHymns.All.MinBy(h => h.MusicSeconds)!;

        Assert.Equal(1, await seeder.SeedHymnsAsync([hymn], CancellationToken.None));

        Guid trackId;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<SelahDbContext>>().CreateDbContextAsync())
        {
            trackId = await db.Tracks.Where(t => t.Isrc == hymn.Isrc).Select(t => t.Id).SingleAsync();
            Assert.Equal(DemoCatalog.Artists.Count, await db.Artists.CountAsync(a => a.OwnerId == null && a.Bio != null && a.Bio.Contains("Demo content")));
            Assert.Equal(DemoCatalog.Albums.Count, await db.Albums.CountAsync(a => a.Published && a.CoverKey != null));
        }

        var track = await WaitForPublicTrackAsync(anonymous, trackId);
        Assert.Equal(hymn.Title, track.GetProperty("title").GetString());
        Assert.Equal(hymn.Artist, track.GetProperty("artist").GetProperty("name").GetString());
        Assert.Equal(hymn.Album, track.GetProperty("album").GetProperty("title").GetString());
        Assert.Equal(hymn.Scripture, track.GetProperty("scriptureReferences").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Hymns", track.GetProperty("genres").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.True(track.GetProperty("hasLyrics").GetBoolean());
        Assert.True(track.GetProperty("hasSyncedLyrics").GetBoolean());
        Assert.InRange(track.GetProperty("durationSeconds").GetDouble(), hymn.MusicSeconds - 1, hymn.MusicSeconds + 6);

        using var lyrics = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/tracks/{trackId}/lyrics"));
        Assert.Equal(hymn.Lyrics, lyrics.RootElement.GetProperty("plain").GetString());
        Assert.Contains(hymn.Stanzas[1][0], lyrics.RootElement.GetProperty("synced").GetString(), StringComparison.Ordinal);

        Assert.Equal(0, await seeder.SeedHymnsAsync([hymn], CancellationToken.None));
        Assert.Equal(1, renderer.Renders);
    }

    private static async Task<JsonElement> WaitForPublicTrackAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/tracks/{id}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (json.RootElement.GetProperty("status").GetString() is "ready" or "Ready")
                {
                    return json.RootElement.Clone();
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"track {id} was not public and ready within 3 minutes (last: {(int)response.StatusCode})");
            await Task.Delay(250);
        }
    }

    public sealed class DemoFactory : SelahFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // Demo stays disabled (no background seeding of all twelve); the test seeds one hymn itself.
            builder.ConfigureTestServices(services => services.AddDemoServices());
        }
    }
}
