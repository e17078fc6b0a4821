using System.Net;
using Selah.Contracts.Worship;
using Selah.Server.Features.Catalog;
using Selah.Tests.Features.Bible;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Worship;

/// <summary>
/// <c>GET /api/v1/tracks/{id}/scripture</c>: the track's and its linked songs' references with their text, and the verses
/// tied to synced lyric lines by <c>[bible:…]</c> tags with the line's time. Runs on the Bible server (translations imported).
/// </summary>
[Collection(BibleCollection.Name)]
public sealed class TrackScriptureApiTests(BibleFactory factory)
{
    private const string Lrc = "[ti:Shepherd]\n[offset:+500]\n[00:05.50]The Lord's my shepherd\n[bible:Ps.23.1]\n[00:12.00]He makes me down to lie\n[01:02.25]Goodness and mercy\n[bible:Ps.23.6]\n";

    [Fact]
    public async Task A_playing_track_gets_its_songs_scripture_and_the_verses_tied_to_lines()
    {
        var artist = await factory.SignInNewArtistAsync();
        var artistRow = await factory.AddArtistAsync("Scripture Choir " + CatalogSteps.NewMarker());
        var track = await factory.AddTrackAsync(artistRow.Id, "The Lord's my shepherd", t =>
        {
            t.SyncedLyrics = Lrc;
            t.ScriptureReferences = ["John.10.11"];
        });
        using var client = factory.CreateClient(artist.AccessToken);
        var song = await client.CreateSongAsync("Crimond " + CatalogSteps.NewMarker(), new { title = "Crimond", scriptureReferences = new[] { "Ps.23", "Rom.8.28-Rom.8.39" }, trackIds = new[] { track.Id } });

        var listener = await factory.SignInNewUserAsync();
        using var listenerClient = factory.CreateClient(listener.AccessToken);
        var scripture = await (await listenerClient.GetAsync($"/api/v1/tracks/{track.Id}/scripture")).ReadJsonAsync<TrackScriptureResponse>();

        Assert.Equal("kjv", scripture.Translation);
        Assert.Equal(["John.10.11"], scripture.TrackReferences);
        Assert.Equal([(song.Id, "Crimond")], scripture.Songs.Select(s => (s.SongId, s.Title)));
        Assert.Equal(["John.10.11", "Ps.23", "Rom.8.28-Rom.8.39", "Ps.23.1", "Ps.23.6"], scripture.Passages.Select(p => p.Osis));
        var psalm = scripture.Passages.Single(p => p.Osis == "Ps.23");
        Assert.Equal("Psalms 23", psalm.Reference);
        Assert.StartsWith("1 The LORD is my shepherd; I shall not want.", psalm.Text);
        Assert.False(psalm.More);
        Assert.True(scripture.Passages.Single(p => p.Osis == "Rom.8.28-Rom.8.39").More); // 12 verses, 8 shown
        Assert.Equal("The LORD is my shepherd; I shall not want.", scripture.Passages.Single(p => p.Osis == "Ps.23.1").Text);
        // Each tag takes the time of the timed line above it, with the LRC offset applied.
        Assert.Equal([(5.0, 3, "Ps.23.1"), (61.75, 6, "Ps.23.6")], scripture.Cues.Select(c => (c.Time, c.Line, c.Osis)));

        var web = await (await listenerClient.GetAsync($"/api/v1/tracks/{track.Id}/scripture?translation=WEB")).ReadJsonAsync<TrackScriptureResponse>();
        Assert.Equal("web", web.Translation);
        Assert.StartsWith("Yahweh is my shepherd", web.Passages.Single(p => p.Osis == "Ps.23.1").Text);
    }

    [Fact]
    public async Task Unknown_tracks_and_translations_are_404_bad_ones_400_and_anonymous_401()
    {
        var artistRow = await factory.AddArtistAsync("Hidden Choir " + CatalogSteps.NewMarker());
        var draft = await factory.AddTrackAsync(artistRow.Id, "Draft", t => t.Published = false);
        var plain = await factory.AddTrackAsync(artistRow.Id, "No scripture");
        var listener = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(listener.AccessToken);

        await (await client.GetAsync($"/api/v1/tracks/{Guid.NewGuid()}/scripture")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/tracks/{draft.Id}/scripture")).ShouldBeProblemAsync(HttpStatusCode.NotFound); // someone else's draft
        await (await client.GetAsync($"/api/v1/tracks/{plain.Id}/scripture?translation=xyz")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/tracks/{plain.Id}/scripture?translation={new string('k', 17)}")).ShouldBeValidationProblemAsync("translation");
        var empty = await (await client.GetAsync($"/api/v1/tracks/{plain.Id}/scripture")).ReadJsonAsync<TrackScriptureResponse>();
        Assert.Empty(empty.Passages);
        Assert.Empty(empty.Cues);

        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/tracks/{plain.Id}/scripture")).StatusCode);
    }

    [Theory]
    [InlineData("[00:01.00]a\n[bible:Ps.23.1]\n", null)]
    [InlineData("[bible:Ps.23.1]\n[00:01.00]a\n", 1)]
    [InlineData("[00:01.00]a\n[bible:Psalm 23]\n", 2)]
    [InlineData("[00:01.00]a\n\n[ar:x]\n[bible:Hezekiah.1.1]\n", 4)]
    public void Verse_tags_must_name_a_reference_and_follow_a_timed_line(string lrc, int? badLine)
    {
        Assert.Null(SyncedLyrics.FirstInvalidLine(lrc)); // still valid LRC for other players
        Assert.Equal(badLine, SyncedLyrics.FirstInvalidVerseTag(lrc)?.Line);
    }
}
