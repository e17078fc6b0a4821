using System.Net;
using Selah.Contracts.Catalog;
using Selah.Contracts.Library;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Library;

/// <summary>Favourites (with the bulk status), follows, recently played, continue listening and home.</summary>
public sealed class LibraryApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Favourites_are_idempotent_listed_latest_first_and_answered_in_bulk()
    {
        var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var artist = await factory.AddArtistAsync($"Choir {CatalogSteps.NewMarker()}");
        var album = await factory.AddAlbumAsync(artist.Id, "Matins");
        var first = await factory.AddTrackAsync(artist.Id, "Te Deum");
        var second = await factory.AddTrackAsync(artist.Id, "Benedictus");
        var draft = await factory.AddTrackAsync(artist.Id, "Draft", t => t.Published = false);

        Assert.Equal(HttpStatusCode.NoContent, (await listener.PutAsync($"/api/v1/me/favourites/tracks/{first.Id}", null)).StatusCode);
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.NoContent, (await listener.PutAsync($"/api/v1/me/favourites/tracks/{second.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await listener.PutAsync($"/api/v1/me/favourites/tracks/{second.Id}", null)).StatusCode);
        await (await listener.PutAsync($"/api/v1/me/favourites/tracks/{draft.Id}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await listener.PutAsync($"/api/v1/me/favourites/tracks/{Guid.NewGuid()}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await listener.PutAsync($"/api/v1/me/favourites/albums/{album.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await listener.PutAsync($"/api/v1/me/favourites/artists/{artist.Id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await listener.PutAsync($"/api/v1/me/following/artists/{artist.Id}", null)).StatusCode);

        var tracks = await (await listener.GetAsync("/api/v1/me/favourites/tracks")).ReadJsonAsync<CatalogPage<FavouriteTrack>>();
        Assert.Equal([second.Id, first.Id], tracks.Items.Select(f => f.Track.Id));
        var paged = await listener.ReadAllPagesAsync<FavouriteTrack>("/api/v1/me/favourites/tracks", 1);
        Assert.Equal([second.Id, first.Id], paged.Select(f => f.Track.Id));
        Assert.Equal([album.Id], (await (await listener.GetAsync("/api/v1/me/favourites/albums")).ReadJsonAsync<CatalogPage<FavouriteAlbum>>()).Items.Select(a => a.Album.Id));
        Assert.Equal([artist.Id], (await (await listener.GetAsync("/api/v1/me/favourites/artists")).ReadJsonAsync<CatalogPage<FavouriteArtist>>()).Items.Select(a => a.Artist.Id));
        Assert.Equal([artist.Id], (await (await listener.GetAsync("/api/v1/me/following/artists")).ReadJsonAsync<CatalogPage<FollowedArtist>>()).Items.Select(a => a.Artist.Id));

        var status = await (await listener.GetAsync(
                $"/api/v1/me/favourites/status?trackIds={first.Id}&trackIds={draft.Id}&trackIds={Guid.NewGuid()}&albumIds={album.Id}&artistIds={artist.Id}"))
            .ReadJsonAsync<FavouriteStatusResponse>();
        Assert.Equal([first.Id], status.TrackIds);
        Assert.Equal([album.Id], status.AlbumIds);
        Assert.Equal([artist.Id], status.ArtistIds);
        Assert.Equal([artist.Id], status.FollowedArtistIds);

        var other = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        Assert.Empty((await (await other.GetAsync($"/api/v1/me/favourites/status?trackIds={first.Id}")).ReadJsonAsync<FavouriteStatusResponse>()).TrackIds);

        Assert.Equal(HttpStatusCode.NoContent, (await listener.DeleteAsync($"/api/v1/me/favourites/tracks/{first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await listener.DeleteAsync($"/api/v1/me/following/artists/{artist.Id}")).StatusCode);
        Assert.Equal([second.Id], (await (await listener.GetAsync("/api/v1/me/favourites/tracks")).ReadJsonAsync<CatalogPage<FavouriteTrack>>()).Items.Select(f => f.Track.Id));
        Assert.Empty((await (await listener.GetAsync("/api/v1/me/following/artists")).ReadJsonAsync<CatalogPage<FollowedArtist>>()).Items);

        var tooMany = string.Join('&', Enumerable.Range(0, 101).Select(_ => $"trackIds={Guid.NewGuid()}"));
        await (await listener.GetAsync($"/api/v1/me/favourites/status?{tooMany}")).ShouldBeValidationProblemAsync("trackIds");
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/me/favourites/tracks")).StatusCode);
    }

    [Fact]
    public async Task Recently_played_folds_consecutive_repeats_and_continue_lists_unfinished_long_tracks()
    {
        var account = await factory.SignInNewUserAsync();
        var listener = factory.CreateClient(account.AccessToken);
        var artist = await factory.AddArtistAsync($"Preacher {CatalogSteps.NewMarker()}");
        var a = await factory.AddTrackAsync(artist.Id, "Psalm 23", t => t.DurationSeconds = 120);
        var b = await factory.AddTrackAsync(artist.Id, "Psalm 100", t => t.DurationSeconds = 120);
        var sermon = await factory.AddTrackAsync(artist.Id, "Sermon on the Mount", t => t.DurationSeconds = 1800);
        var finished = await factory.AddTrackAsync(artist.Id, "Finished sermon", t => t.DurationSeconds = 1200);

        foreach (var track in new[] { a, a, b, a, a })
        {
            await StartAsync(listener, track.Id, Guid.NewGuid());
            factory.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        var history = await (await listener.GetAsync("/api/v1/me/history")).ReadJsonAsync<CatalogPage<HistoryEntry>>();
        Assert.Equal([a.Id, b.Id, a.Id], history.Items.Select(h => h.Track.Id));
        var paged = await listener.ReadAllPagesAsync<HistoryEntry>("/api/v1/me/history", 1);
        Assert.Equal([a.Id, b.Id, a.Id], paged.Select(h => h.Track.Id));

        var playback = Guid.NewGuid();
        await StartAsync(listener, sermon.Id, playback);
        factory.Clock.Advance(TimeSpan.FromSeconds(700));
        await EventAsync(listener, sermon.Id, "progress", 650, playback);
        var done = Guid.NewGuid();
        await StartAsync(listener, finished.Id, done);
        factory.Clock.Advance(TimeSpan.FromSeconds(1300));
        listener = factory.CreateClient((await factory.SignInAsync(account.Account)).AccessToken); // access tokens last 15 minutes
        await EventAsync(listener, finished.Id, "complete", 1200, done);

        var resume = await (await listener.GetAsync("/api/v1/me/continue")).ReadJsonAsync<List<ContinueListeningEntry>>();
        var entry = Assert.Single(resume);
        Assert.Equal(sermon.Id, entry.Track.Id);
        Assert.Equal(650, entry.PositionSeconds);
        Assert.Equal(1800, entry.DurationSeconds);

        var home = await (await listener.GetAsync("/api/v1/home")).ReadJsonAsync<HomeResponse>();
        Assert.Equal(finished.Id, home.RecentlyPlayed[0].Track.Id);
        Assert.Equal([sermon.Id], home.ContinueListening.Select(c => c.Track.Id));
        using var anonymous = factory.CreateClient();
        var anonymousHome = await (await anonymous.GetAsync("/api/v1/home")).ReadJsonAsync<HomeResponse>();
        Assert.Empty(anonymousHome.RecentlyPlayed);
        Assert.NotEmpty(anonymousHome.Featured);
    }

    [Fact]
    public async Task Home_offers_the_tracks_tagged_with_the_current_liturgical_season()
    {
        var season = Selah.Server.Features.Calendar.LiturgicalCalendar.Current(DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime));
        var artist = await factory.AddArtistAsync($"Seasonal {CatalogSteps.NewMarker()}");
        var tagged = await factory.AddTrackAsync(artist.Id, "Seasonal hymn", t => t.Themes = ["hope", season.Name.ToLowerInvariant()]);
        var hidden = await factory.AddTrackAsync(artist.Id, "Seasonal draft", t => { t.Themes = [season.Name]; t.Published = false; });
        using var anonymous = factory.CreateClient();

        var home = await (await anonymous.GetAsync("/api/v1/home")).ReadJsonAsync<HomeResponse>();

        Assert.NotNull(home.Season);
        Assert.Equal((season.Name, season.Color), (home.Season.Name, home.Season.Color));
        Assert.Contains(tagged.Id, home.Season.Tracks.Select(t => t.Id));
        Assert.DoesNotContain(hidden.Id, home.Season.Tracks.Select(t => t.Id));
    }

    private static Task StartAsync(HttpClient client, Guid trackId, Guid playbackId) => EventAsync(client, trackId, "start", 0, playbackId);

    private static async Task EventAsync(HttpClient client, Guid trackId, string @event, double position, Guid playbackId) =>
        await (await client.PostJsonAsync("/api/v1/plays", new { trackId, @event, positionSeconds = position, playbackId })).ShouldHaveStatusAsync(HttpStatusCode.OK);
}
