using System.Net;
using Selah.Contracts.Catalog;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Catalog;

public sealed class TrackEditApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task The_owner_edits_metadata_and_moves_the_track_to_a_new_album()
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var track = await factory.AddTrackAsync(artist.Id, "Untitled 3");

        var response = await client.PatchJsonAsync($"/api/v1/tracks/{track.Id}", new
        {
            title = "Be Still, My Soul",
            album = "Hymns of Rest",
            discNumber = 1,
            trackNumber = 4,
            year = 1752,
            genres = new[] { "Hymns", "classical-sacred" },
            moods = new[] { "peaceful" },
            themes = new[] { "rest", "trust", "rest" },
            scriptureReferences = new[] { "Ps.46.10", "Matt.11.28-Matt.11.30" },
            credits = new[] { "Katharina von Schlegel (words)", "Jean Sibelius (music)" },
            lyrics = "Be still, my soul: the Lord is on thy side.",
            syncedLyrics = "[ar:Test Ensemble]\n[ti:Be Still, My Soul]\n\n[00:12.50]Be still, my soul\n[00:18.00][01:18.00]the Lord is on thy side",
            ccliNumber = "1234567",
            isrc = "USRC17607839",
        });

        var updated = await response.ReadJsonAsync<TrackResponse>();
        Assert.Equal("Be Still, My Soul", updated.Title);
        Assert.Equal("Hymns of Rest", updated.Album?.Title);
        Assert.Equal((1, 4, 1752), (updated.DiscNumber!.Value, updated.TrackNumber!.Value, updated.Year!.Value));
        Assert.Equal(["classical-sacred", "hymns"], updated.Genres.Select(g => g.Slug).Order());
        Assert.Equal(["peaceful"], updated.Moods.Select(m => m.Slug));
        Assert.Equal(["rest", "trust"], updated.Themes);
        Assert.Equal(["Ps.46.10", "Matt.11.28-Matt.11.30"], updated.ScriptureReferences);
        Assert.Equal(2, updated.Credits.Count);
        Assert.True(updated.HasLyrics && updated.HasSyncedLyrics);
        Assert.Equal(("1234567", "USRC17607839"), (updated.CcliNumber, updated.Isrc));

        var lyrics = await (await client.GetAsync($"/api/v1/tracks/{track.Id}/lyrics")).ReadJsonAsync<LyricsResponse>();
        Assert.StartsWith("[ar:Test Ensemble]", lyrics.Synced);
        var album = await (await client.GetAsync($"/api/v1/albums/{updated.Album!.Id}")).ReadJsonAsync<AlbumResponse>();
        Assert.Equal([track.Id], album.Tracks.Select(t => t.Id));

        // A second track joins the same album by title rather than creating another; "" leaves the album.
        var second = await factory.AddTrackAsync(artist.Id, "Another");
        var joined = await (await client.PatchJsonAsync($"/api/v1/tracks/{second.Id}", new { album = "Hymns of Rest" })).ReadJsonAsync<TrackResponse>();
        Assert.Equal(updated.Album.Id, joined.Album?.Id);
        var left = await (await client.PatchJsonAsync($"/api/v1/tracks/{second.Id}", new { album = "", isrc = "" })).ReadJsonAsync<TrackResponse>();
        Assert.Null(left.Album);
        Assert.Null(left.Isrc);
    }

    [Theory]
    [InlineData("""{"title":"   "}""", "title")]
    [InlineData("""{"genres":["Worship","Polka"]}""", "genres")]
    [InlineData("""{"moods":["Grumpy"]}""", "moods")]
    [InlineData("""{"scriptureReferences":["Ps.23","Psalm 23"]}""", "scriptureReferences")]
    [InlineData("""{"scriptureReferences":["Hezekiah.1.1"]}""", "scriptureReferences")]
    [InlineData("""{"scriptureReferences":["John.3.16-Bogus.3.18"]}""", "scriptureReferences")]
    [InlineData("""{"themes":[""]}""", "themes")]
    [InlineData("""{"isrc":"nope"}""", "isrc")]
    [InlineData("""{"ccliNumber":"12a"}""", "ccliNumber")]
    [InlineData("""{"year":20000}""", "year")]
    [InlineData("""{"trackNumber":0}""", "trackNumber")]
    [InlineData("""{"title":"a\u0000b"}""", "title")]
    [InlineData("""{"artist":"Somebody Else"}""", "artist")]
    [InlineData("""{"discNumber":"one"}""", "discNumber")]
    public async Task Invalid_metadata_is_400_naming_the_field(string json, string field)
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var track = await factory.AddTrackAsync(artist.Id, "Valid");

        var response = await client.PatchAsync($"/api/v1/tracks/{track.Id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("[00:01.00]one\nplain words\n", 2)]
    [InlineData("[00:01.00]one\n\n[ar:Someone]\n[1:2.3]bad time", 4)]
    [InlineData("no tags at all", 1)]
    [InlineData("[00:61.00]seconds past sixty", 1)]
    public async Task Synced_lyrics_name_the_first_line_that_is_not_LRC(string lrc, int line)
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var track = await factory.AddTrackAsync(artist.Id, "Lyrics");

        var response = await client.PatchJsonAsync($"/api/v1/tracks/{track.Id}", new { syncedLyrics = lrc });

        var problem = await response.ShouldBeValidationProblemAsync("syncedLyrics");
        Assert.Contains($"Line {line} ", problem.GetProperty("errors").GetProperty("syncedLyrics")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_a_track_that_is_not_ready_is_409_and_unpublishing_works()
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var processing = await factory.AddTrackAsync(artist.Id, "Processing", t => { t.Status = TrackStatus.Processing; t.Published = false; });
        var ready = await factory.AddTrackAsync(artist.Id, "Ready");

        await (await client.PatchJsonAsync($"/api/v1/tracks/{processing.Id}", new { published = true }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "urn:selah:problem:track-not-ready");
        var unpublished = await (await client.PatchJsonAsync($"/api/v1/tracks/{ready.Id}", new { published = false })).ReadJsonAsync<TrackResponse>();

        Assert.False(unpublished.Published);
        await (await factory.CreateClient().GetAsync($"/api/v1/tracks/{ready.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Others_get_403_on_visible_rows_404_on_invisible_ones_and_401_when_anonymous()
    {
        var (_, artist) = await OwnerWithArtistAsync();
        var published = await factory.AddTrackAsync(artist.Id, "Public");
        var draft = await factory.AddTrackAsync(artist.Id, "Draft", t => t.Published = false);
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        using var otherArtist = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);

        foreach (var client in new[] { listener, otherArtist })
        {
            await (await client.PatchJsonAsync($"/api/v1/tracks/{published.Id}", new { title = "Mine now" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync($"/api/v1/tracks/{published.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PatchJsonAsync($"/api/v1/tracks/{draft.Id}", new { title = "Mine now" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await client.DeleteAsync($"/api/v1/tracks/{draft.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PatchJsonAsync($"/api/v1/tracks/{published.Id}", new { title = "x" })).StatusCode);
        await (await listener.PatchJsonAsync($"/api/v1/tracks/{Guid.NewGuid()}", new { title = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        using var admin = await factory.CreateAdminClientAsync();
        var renamed = await (await admin.PatchJsonAsync($"/api/v1/tracks/{draft.Id}", new { title = "Renamed by admin" })).ReadJsonAsync<TrackResponse>();
        Assert.Equal("Renamed by admin", renamed.Title);
    }

    [Fact]
    public async Task Deleting_a_track_removes_the_row_and_its_stored_files()
    {
        var (client, artist) = await OwnerWithArtistAsync();
        var id = Guid.NewGuid().ToString("n");
        string[] keys = [$"tracks/{id}/original.mp3", $"tracks/{id}/audio.opus", $"tracks/{id}/audio.m4a", $"tracks/{id}/waveform.json", $"covers/tracks/{id}/abc.webp"];
        string[] hls = [$"tracks/{id}/hls/master.m3u8", $"tracks/{id}/hls/v1/seg0.m4s"];
        var neighbour = $"tracks/{id}/hls-keep/other.txt";
        foreach (var key in keys.Concat(hls).Append(neighbour))
        {
            var path = MediaPath(key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, key);
        }

        var track = await factory.AddTrackAsync(artist.Id, "To delete", t =>
        {
            (t.OriginalKey, t.OpusKey, t.AacKey, t.WaveformKey, t.CoverKey) = (keys[0], keys[1], keys[2], keys[3], keys[4]);
            t.HlsPrefix = $"tracks/{id}/hls";
        });

        await (await client.DeleteAsync($"/api/v1/tracks/{track.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/api/v1/tracks/{track.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.All(keys.Concat(hls), key => Assert.False(File.Exists(MediaPath(key)), $"{key} was not deleted"));
        Assert.True(File.Exists(MediaPath(neighbour)), "a key outside the HLS prefix was deleted");
    }

    private string MediaPath(string key) => Path.Combine(factory.DataDirectory, "media", key.Replace('/', Path.DirectorySeparatorChar));

    private async Task<(HttpClient Client, Selah.Server.Features.Catalog.Artist Artist)> OwnerWithArtistAsync()
    {
        var owner = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Edits {CatalogSteps.NewMarker()}", owner.UserId);
        return (factory.CreateClient(owner.AccessToken), artist);
    }
}
