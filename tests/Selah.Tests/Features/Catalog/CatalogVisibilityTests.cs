using System.Net;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Catalog;

/// <summary>Who sees which tracks and albums: anonymous, listener, another artist, the owner, the uploader, the admin.</summary>
public sealed class CatalogVisibilityTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Unpublished_and_unready_tracks_are_seen_only_by_owner_uploader_and_admin()
    {
        var owner = await factory.SignInNewArtistAsync();
        var otherArtist = await factory.SignInNewArtistAsync();
        var listener = await factory.SignInNewUserAsync();
        var artist = await factory.AddArtistAsync($"Visible {CatalogSteps.NewMarker()}", owner.UserId);
        var published = await factory.AddTrackAsync(artist.Id, "Published");
        var draft = await factory.AddTrackAsync(artist.Id, "Draft", t => t.Published = false);
        var processing = await factory.AddTrackAsync(artist.Id, "Processing", t => { t.Status = TrackStatus.Processing; t.UploadedById = listener.UserId; });
        var failed = await factory.AddTrackAsync(artist.Id, "Failed", t => { t.Status = TrackStatus.Failed; t.Error = "ffmpeg exited with code 1"; });

        using var anonymous = factory.CreateClient();
        using var listenerClient = factory.CreateClient(listener.AccessToken);
        using var otherClient = factory.CreateClient(otherArtist.AccessToken);
        using var ownerClient = factory.CreateClient(owner.AccessToken);
        using var admin = await factory.CreateAdminClientAsync();
        Guid[] everything = [failed.Id, processing.Id, draft.Id, published.Id];

        await AssertSeesAsync(anonymous, artist.Id, [published.Id], everything);
        await AssertSeesAsync(otherClient, artist.Id, [published.Id], everything);
        await AssertSeesAsync(listenerClient, artist.Id, [processing.Id, published.Id], everything); // the uploader of one
        await AssertSeesAsync(ownerClient, artist.Id, everything, everything);
        await AssertSeesAsync(admin, artist.Id, everything, everything);

        // The error is for the people who can act on it.
        var asOwner = await (await ownerClient.GetAsync($"/api/v1/tracks/{failed.Id}")).ReadJsonAsync<TrackResponse>();
        Assert.Equal("ffmpeg exited with code 1", asOwner.Error);
        Assert.Equal(TrackStatus.Failed, asOwner.Status);
        var asAdmin = await (await admin.GetAsync($"/api/v1/tracks?artistId={artist.Id}&status=failed")).ReadJsonAsync<CatalogPage<TrackResponse>>();
        Assert.Equal("ffmpeg exited with code 1", Assert.Single(asAdmin.Items).Error);
    }

    [Fact]
    public async Task Error_is_hidden_from_people_who_do_not_manage_the_track()
    {
        var artist = await factory.AddArtistAsync($"Errors {CatalogSteps.NewMarker()}");
        var track = await factory.AddTrackAsync(artist.Id, "Recovered", t => t.Error = "an earlier attempt failed");
        using var anonymous = factory.CreateClient();

        var seen = await (await anonymous.GetAsync($"/api/v1/tracks/{track.Id}")).ReadJsonAsync<TrackResponse>();

        Assert.Null(seen.Error);
    }

    [Fact]
    public async Task Mine_lists_the_callers_tracks_in_any_state_and_status_filters_them()
    {
        var owner = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Mine {CatalogSteps.NewMarker()}", owner.UserId);
        var ready = await factory.AddTrackAsync(artist.Id, "Ready");
        var failed = await factory.AddTrackAsync(artist.Id, "Failed", t => t.Status = TrackStatus.Failed);
        var someoneElses = await factory.AddTrackAsync((await factory.AddArtistAsync($"Else {CatalogSteps.NewMarker()}")).Id, "Not mine");
        using var client = factory.CreateClient(owner.AccessToken);

        var mine = await (await client.GetAsync("/api/v1/tracks?mine=true")).ReadJsonAsync<CatalogPage<TrackResponse>>();
        var failedOnly = await (await client.GetAsync("/api/v1/tracks?mine=true&status=failed")).ReadJsonAsync<CatalogPage<TrackResponse>>();

        Assert.Equal([failed.Id, ready.Id], mine.Items.Select(t => t.Id));
        Assert.DoesNotContain(mine.Items, t => t.Id == someoneElses.Id);
        Assert.Equal([failed.Id], failedOnly.Items.Select(t => t.Id));
        await (await factory.CreateClient().GetAsync("/api/v1/tracks?mine=true")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        await (await listener.GetAsync("/api/v1/tracks?status=failed")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unpublished_albums_are_404_to_others_and_visible_to_owner_and_admin()
    {
        var owner = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Albums {CatalogSteps.NewMarker()}", owner.UserId);
        var shown = await factory.AddAlbumAsync(artist.Id, "Shown");
        var hidden = await factory.AddAlbumAsync(artist.Id, "Hidden", published: false);
        using var anonymous = factory.CreateClient();
        using var ownerClient = factory.CreateClient(owner.AccessToken);
        using var admin = await factory.CreateAdminClientAsync();
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);

        foreach (var client in new[] { anonymous, listener })
        {
            var list = await (await client.GetAsync($"/api/v1/albums?artistId={artist.Id}")).ReadJsonAsync<CatalogPage<AlbumSummary>>();
            Assert.Equal([shown.Id], list.Items.Select(a => a.Id));
            await (await client.GetAsync($"/api/v1/albums/{hidden.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            var profile = await (await client.GetAsync($"/api/v1/artists/{artist.Slug}")).ReadJsonAsync<ArtistResponse>();
            Assert.Equal([shown.Id], profile.Albums.Select(a => a.Id));
        }

        foreach (var client in new[] { ownerClient, admin })
        {
            var list = await (await client.GetAsync($"/api/v1/albums?artistId={artist.Id}")).ReadJsonAsync<CatalogPage<AlbumSummary>>();
            Assert.Equal([hidden.Id, shown.Id], list.Items.Select(a => a.Id));
            var detail = await (await client.GetAsync($"/api/v1/albums/{hidden.Id}")).ReadJsonAsync<AlbumResponse>();
            Assert.False(detail.Published);
        }
    }

    private static async Task AssertSeesAsync(HttpClient client, Guid artistId, Guid[] visible, Guid[] all)
    {
        var list = await (await client.GetAsync($"/api/v1/tracks?artistId={artistId}")).ReadJsonAsync<CatalogPage<TrackResponse>>();
        Assert.Equal(visible, list.Items.Select(t => t.Id));
        foreach (var id in all)
        {
            var expected = visible.Contains(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            Assert.Equal(expected, (await client.GetAsync($"/api/v1/tracks/{id}")).StatusCode);
            Assert.Equal(expected, (await client.GetAsync($"/api/v1/tracks/{id}/lyrics")).StatusCode);
        }
    }
}
