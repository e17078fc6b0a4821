using System.Net;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Catalog;

/// <summary><c>GET /api/v1/tracks?q=</c>: the studio's catalogue search, alone and with <c>mine</c> and <c>status</c>.</summary>
public sealed class TrackSearchApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Q_matches_title_artist_or_album_case_insensitively()
    {
        var marker = CatalogSteps.NewMarker();
        var artist = await factory.AddArtistAsync($"Cantor {marker}");
        var other = await factory.AddArtistAsync($"Choir {CatalogSteps.NewMarker()}");
        var album = await factory.AddAlbumAsync(other.Id, $"Vespers {marker}");
        var byArtist = await factory.AddTrackAsync(artist.Id, "Magnificat");
        var byTitle = await factory.AddTrackAsync(other.Id, $"Nunc Dimittis {marker.ToUpperInvariant()}");
        var byAlbum = await factory.AddTrackAsync(other.Id, "Phos Hilaron", t => t.AlbumId = album.Id);
        var unrelated = await factory.AddTrackAsync(other.Id, "Te Deum");
        using var client = factory.CreateClient();

        var found = await IdsAsync(client, $"q={marker}&limit=100");
        var narrowed = await IdsAsync(client, $"q={Uri.EscapeDataString(" dimittis " + marker + " ")}");

        Assert.Equal([byAlbum.Id, byTitle.Id, byArtist.Id], found);
        Assert.DoesNotContain(unrelated.Id, found);
        Assert.Equal([byTitle.Id], narrowed);
        Assert.Empty(await IdsAsync(client, $"q={marker}zz"));
    }

    [Fact]
    public async Task Q_combines_with_mine_and_status_and_never_shows_other_peoples_drafts()
    {
        var marker = CatalogSteps.NewMarker();
        var owner = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Studio {marker}", owner.UserId);
        var ready = await factory.AddTrackAsync(artist.Id, "Morning Hymn");
        var failed = await factory.AddTrackAsync(artist.Id, "Morning Prayer", t => t.Status = TrackStatus.Failed);
        await factory.AddTrackAsync(artist.Id, "Evening Hymn");
        var strangers = await factory.AddArtistAsync($"Stranger {marker}");
        var draft = await factory.AddTrackAsync(strangers.Id, "Morning Draft", t => t.Published = false);
        using var client = factory.CreateClient(owner.AccessToken);

        Assert.Equal([failed.Id, ready.Id], await IdsAsync(client, "mine=true&q=morning"));
        Assert.Equal([failed.Id], await IdsAsync(client, "mine=true&q=MORNING&status=failed"));
        Assert.DoesNotContain(draft.Id, await IdsAsync(client, $"q={marker}&limit=100"));

        using var admin = await factory.CreateAdminClientAsync();
        Assert.Contains(draft.Id, await IdsAsync(admin, $"q={marker}&limit=100"));
    }

    [Fact]
    public async Task Q_longer_than_200_characters_is_a_validation_problem()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync($"/api/v1/tracks?q={new string('a', 201)}")).ShouldBeValidationProblemAsync("q");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tracks?q={new string('a', 200)}")).StatusCode);
    }

    private static async Task<List<Guid>> IdsAsync(HttpClient client, string query) =>
        (await (await client.GetAsync($"/api/v1/tracks?{query}")).ReadJsonAsync<CatalogPage<TrackResponse>>()).Items.Select(t => t.Id).ToList();
}
