using System.Net;
using Selah.Contracts.Accounts;
using Selah.Contracts.Catalog;
using Selah.Contracts.Worship;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Worship;

/// <summary>Songs and arrangements: who reads and writes, validation, search and paging, rendered sheets and PDFs.</summary>
public sealed class SongsApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Members_read_worship_leaders_write_and_anonymous_callers_are_401()
    {
        using var leader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        using var anonymous = factory.CreateClient();
        var song = await leader.CreateSongAsync("Amazing Grace " + CatalogSteps.NewMarker());

        var read = await (await listener.GetAsync($"/api/v1/songs/{song.Id}")).ReadJsonAsync<SongResponse>();
        Assert.Equal(song.Title, read.Title);
        Assert.Equal(["John Newton"], read.Authors);
        Assert.Equal("22025", read.CcliNumber);
        Assert.Equal(["Eph.2.8-Eph.2.9"], read.ScriptureReferences);
        Assert.False(read.CanEdit);
        Assert.True(song.CanEdit);

        await (await listener.PostJsonAsync("/api/v1/songs", new { title = "Mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await listener.PutJsonAsync($"/api/v1/songs/{song.Id}", new { title = "Hijacked" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.GetAsync("/api/v1/songs")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.GetAsync($"/api/v1/songs/{song.Id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await listener.GetAsync($"/api/v1/songs/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_creator_moderators_and_admins_change_a_song()
    {
        using var creator = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        using var otherLeader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        using var moderator = factory.CreateClient((await factory.SignInWithRoleAsync(Roles.Moderator)).AccessToken);
        using var admin = await factory.CreateAdminClientAsync();
        var song = await creator.CreateSongAsync("Be Thou My Vision " + CatalogSteps.NewMarker());
        var arrangement = await creator.AddArrangementAsync(song.Id);

        await (await otherLeader.PutJsonAsync($"/api/v1/songs/{song.Id}", new { title = "Stolen" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otherLeader.PostJsonAsync($"/api/v1/songs/{song.Id}/arrangements", new { name = "Mine", chordPro = "[G]x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otherLeader.DeleteAsync($"/api/v1/songs/{song.Id}/arrangements/{arrangement.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await otherLeader.DeleteAsync($"/api/v1/songs/{song.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var byModerator = await (await moderator.PutJsonAsync($"/api/v1/songs/{song.Id}", new { title = "Be Thou My Vision (moderated)" })).ReadJsonAsync<SongResponse>();
        var byAdmin = await (await admin.PutJsonAsync($"/api/v1/songs/{song.Id}", new { title = "Be Thou My Vision", copyright = "Public domain" })).ReadJsonAsync<SongResponse>();
        Assert.Equal("Be Thou My Vision (moderated)", byModerator.Title);
        Assert.Equal("Public domain", byAdmin.Copyright);
        Assert.Empty(byAdmin.Authors); // PUT replaces the details

        await (await creator.DeleteAsync($"/api/v1/songs/{song.Id}/arrangements/{arrangement.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await creator.DeleteAsync($"/api/v1/songs/{song.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await creator.GetAsync($"/api/v1/songs/{song.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"title":""}""", "title")]
    [InlineData("""{"title":"   "}""", "title")]
    [InlineData("""{"title":"x","ccliNumber":"12ab"}""", "ccliNumber")]
    [InlineData("""{"title":"x","scriptureReferences":["John 3:16"]}""", "scriptureReferences")]
    [InlineData("""{"title":"x","scriptureReferences":["Hezekiah.1.1"]}""", "scriptureReferences")]
    [InlineData("""{"title":"x","trackIds":["not-a-guid"]}""", "trackIds[0]")]
    [InlineData("""{"title":"x","trackIds":["0195a0d0-0000-7000-8000-000000000000"]}""", "trackIds")]
    [InlineData("""{"title":"x","themes":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]}""", "themes")]
    public async Task Bad_song_fields_are_400_naming_the_field(string json, string field)
    {
        using var leader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);

        await (await leader.PostRawJsonAsync("/api/v1/songs", json)).ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Songs_link_only_tracks_the_caller_can_see()
    {
        var owner = await factory.SignInNewArtistAsync();
        using var leader = factory.CreateClient(owner.AccessToken);
        var mine = await factory.AddArtistAsync("Linked " + CatalogSteps.NewMarker(), owner.UserId);
        var someoneElses = await factory.AddArtistAsync("Hidden " + CatalogSteps.NewMarker());
        var published = await factory.AddTrackAsync(someoneElses.Id, "Public recording");
        var ownDraft = await factory.AddTrackAsync(mine.Id, "My draft", t => t.Published = false);
        var hiddenDraft = await factory.AddTrackAsync(someoneElses.Id, "Their draft", t => t.Published = false);

        var refused = await leader.PostJsonAsync("/api/v1/songs", new { title = "Linked", trackIds = new[] { published.Id, hiddenDraft.Id } });
        await refused.ShouldBeValidationProblemAsync("trackIds");
        var song = await leader.CreateSongAsync("Linked", new { title = "Linked", trackIds = new[] { published.Id, ownDraft.Id } });

        Assert.Equal([ownDraft.Id, published.Id], song.Tracks.Select(t => t.Id));
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var seen = await (await listener.GetAsync($"/api/v1/songs/{song.Id}")).ReadJsonAsync<SongResponse>();
        Assert.Equal([published.Id], seen.Tracks.Select(t => t.Id)); // the draft stays hidden from others
    }

    [Fact]
    public async Task List_searches_title_and_authors_and_pages_by_title()
    {
        using var leader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        var marker = CatalogSteps.NewMarker();
        foreach (var title in new[] { "Cornerstone", "Abide With Me", "Blessed Assurance", "Doxology", "Everlasting God" })
        {
            await leader.CreateSongAsync(title, new { title = $"{title} {marker}", authors = new[] { $"Author {marker}" }, themes = new[] { title == "Doxology" ? "Praise" : "Hope" } });
        }

        var all = await leader.ReadAllPagesAsync<SongSummary>($"/api/v1/songs?q={marker.ToUpperInvariant()}", 2);
        var byAuthor = await (await leader.GetAsync($"/api/v1/songs?q=author%20{marker}&limit=100")).ReadJsonAsync<CatalogPage<SongSummary>>();
        var themed = await (await leader.GetAsync($"/api/v1/songs?q={marker}&theme=Praise")).ReadJsonAsync<CatalogPage<SongSummary>>();
        var newest = await leader.ReadAllPagesAsync<SongSummary>($"/api/v1/songs?q={marker}&sort=newest", 3);

        Assert.Equal(["Abide With Me", "Blessed Assurance", "Cornerstone", "Doxology", "Everlasting God"], all.Select(s => s.Title.Replace($" {marker}", "", StringComparison.Ordinal)));
        Assert.Equal(5, byAuthor.Items.Count);
        Assert.Equal("Doxology " + marker, Assert.Single(themed.Items).Title);
        Assert.Equal(all.Select(s => s.Id).OrderDescending(), newest.Select(s => s.Id));
        await (await leader.GetAsync("/api/v1/songs?cursor=garbage")).ShouldBeValidationProblemAsync("cursor");
        await (await leader.GetAsync("/api/v1/songs?limit=0")).ShouldBeValidationProblemAsync("limit");
        await (await leader.GetAsync("/api/v1/songs?sort=plays")).ShouldBeValidationProblemAsync("sort");
    }

    [Fact]
    public async Task Arrangements_validate_chordpro_key_and_sequence()
    {
        using var leader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        var song = await leader.CreateSongAsync("Validated " + CatalogSteps.NewMarker());
        var url = $"/api/v1/songs/{song.Id}/arrangements";

        var bad = await (await leader.PostJsonAsync(url, new { name = "Broken", chordPro = "{title: x}\n[G]fine\n{eoc}\n[Zz]no" })).ShouldBeValidationProblemAsync("chordPro");
        var messages = bad.GetProperty("errors").GetProperty("chordPro").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("line 3: end_of_chorus without start_of_chorus", messages);
        Assert.Contains(messages, m => m!.StartsWith("line 4: 'Zz' is not a chord", StringComparison.Ordinal));
        var sequence = await (await leader.PostJsonAsync(url, new { name = "Seq", chordPro = WorshipSteps.Sheet, sequence = "V1 C V3 PC" })).ShouldBeValidationProblemAsync("sequence");
        Assert.Contains("V3, PC", sequence.GetProperty("errors").GetProperty("sequence")[0].GetString(), StringComparison.Ordinal);
        await (await leader.PostJsonAsync(url, new { name = "Key", chordPro = WorshipSteps.Sheet, key = "X#" })).ShouldBeValidationProblemAsync("key");
        await (await leader.PostJsonAsync(url, new { name = "Time", chordPro = WorshipSteps.Sheet, timeSignature = "four" })).ShouldBeValidationProblemAsync("timeSignature");
        await (await leader.PostJsonAsync(url, new { name = "Tempo", chordPro = WorshipSteps.Sheet, tempo = 1000 })).ShouldBeValidationProblemAsync("tempo");
        await (await leader.PostJsonAsync(url, new { name = "", chordPro = WorshipSteps.Sheet })).ShouldBeValidationProblemAsync("name");

        var created = await leader.AddArrangementAsync(song.Id);
        Assert.Equal("G", created.Key);
        Assert.Equal(["V1", "C", "V2", "C", "B", "C"], created.Sequence);
        Assert.Equal(["V1", "C", "V2", "B"], created.Sections);
        var updated = await (await leader.PutJsonAsync($"{url}/{created.Id}", new { name = "Acoustic", chordPro = "{key: D}\n[D]Only [A]one", tempo = 90 })).ReadJsonAsync<ArrangementResponse>();
        Assert.Equal("D", updated.Key);
        Assert.Equal(90, updated.Tempo);
        Assert.Empty(updated.Sequence);
        var source = await (await leader.GetAsync($"{url}/{created.Id}/source")).ReadJsonAsync<ArrangementResponse>();
        Assert.Equal("{key: D}\n[D]Only [A]one", source.ChordPro);
        var listed = await (await leader.GetAsync($"/api/v1/songs/{song.Id}")).ReadJsonAsync<SongResponse>();
        Assert.Equal("Acoustic", Assert.Single(listed.Arrangements).Name);
    }

    [Fact]
    public async Task Sheets_render_transposed_with_capo_as_numbers_or_lyrics()
    {
        using var leader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        using var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var song = await leader.CreateSongAsync("Rendered " + CatalogSteps.NewMarker());
        var arrangement = await leader.AddArrangementAsync(song.Id);
        var url = $"/api/v1/songs/{song.Id}/arrangements/{arrangement.Id}";

        var asWritten = await (await listener.GetAsync(url)).ReadJsonAsync<RenderedSheetResponse>();
        var inA = await (await listener.GetAsync(url + "?key=A")).ReadJsonAsync<RenderedSheetResponse>();
        var capo = await (await listener.GetAsync(url + "?key=A&capo=2")).ReadJsonAsync<RenderedSheetResponse>();
        var numbers = await (await listener.GetAsync(url + "?view=nashville&key=Bb")).ReadJsonAsync<RenderedSheetResponse>();
        var lyrics = await (await listener.GetAsync(url + "?view=lyrics")).ReadJsonAsync<RenderedSheetResponse>();

        Assert.Equal("Amazing Grace", asWritten.Title);
        Assert.Equal("G", asWritten.Key);
        Assert.Equal("72", asWritten.Tempo);
        Assert.Equal("3/4", asWritten.Time);
        Assert.Equal(["V1", "C", "V2", "B"], asWritten.Sections.Select(s => s.Code));
        Assert.Equal("Verse 1", asWritten.Sections[0].Label);
        Assert.Equal([null, "G", "G7", "C", "G"], asWritten.Sections[0].Lines[0].Segments.Select(s => s.Chord));
        Assert.Equal(["A", "mazing ", "grace how ", "sweet the ", "sound"], asWritten.Sections[0].Lines[0].Segments.Select(s => s.Lyrics));
        Assert.Equal(["G", "Em", "D/F#"], Chords(asWritten, 0, 1));
        Assert.Equal("A", inA.Key);
        Assert.Equal(["A", "F#m", "E/G#"], Chords(inA, 0, 1));
        Assert.Equal(["D", "Dmaj7", "Bm7", "E7sus4"], Chords(inA, 1, 0));
        Assert.Equal("A", capo.Key);
        Assert.Equal(2, capo.Capo);
        Assert.Equal("G", capo.ShapeKey);
        Assert.Equal(["G", "Em", "D/F#"], Chords(capo, 0, 1));
        Assert.Equal("Bb", numbers.Key);
        Assert.Equal(["1", "6m", "5/7"], Chords(numbers, 0, 1));
        Assert.Equal(["4", "4maj7", "2m7", "57sus4"], Chords(numbers, 1, 0));
        Assert.All(lyrics.Sections.SelectMany(s => s.Lines).SelectMany(l => l.Segments), s => Assert.Null(s.Chord));
        Assert.Equal("Amazing grace how sweet the sound", Assert.Single(lyrics.Sections[0].Lines[0].Segments).Lyrics);

        await (await listener.GetAsync(url + "?view=slides")).ShouldBeValidationProblemAsync("view");
        await (await listener.GetAsync(url + "?capo=12")).ShouldBeValidationProblemAsync("capo");
        await (await listener.GetAsync(url + "?key=H")).ShouldBeValidationProblemAsync("key");
        await (await listener.GetAsync($"/api/v1/songs/{Guid.NewGuid()}/arrangements/{arrangement.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sheet_prints_as_a_PDF()
    {
        using var leader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        var song = await leader.CreateSongAsync("Printable " + CatalogSteps.NewMarker());
        var arrangement = await leader.AddArrangementAsync(song.Id);
        var longSheet = "{title: Long}\n" + string.Join('\n', Enumerable.Range(1, 120).Select(i => $"[G]Line {i} of [C]words [D/F#]here"));
        var big = await leader.AddArrangementAsync(song.Id, longSheet, null);

        var response = await leader.GetAsync($"/api/v1/songs/{song.Id}/arrangements/{arrangement.Id}/pdf?key=E&capo=4");
        var multi = await leader.GetAsync($"/api/v1/songs/{song.Id}/arrangements/{big.Id}/pdf");

        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
        Assert.Equal(1, PageCount(bytes));
        Assert.True(PageCount(await multi.Content.ReadAsByteArrayAsync()) >= 2, "120 chord/lyric lines need more than one A4 page");
        await (await leader.GetAsync($"/api/v1/songs/{song.Id}/arrangements/{arrangement.Id}/pdf?view=bad")).ShouldBeValidationProblemAsync("view");
    }

    private static List<string?> Chords(RenderedSheetResponse sheet, int section, int line) =>
        sheet.Sections[section].Lines[line].Segments.Select(s => s.Chord).Where(c => c is not null).ToList();

    private static int PageCount(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        return System.Text.RegularExpressions.Regex.Matches(text, @"/Type\s*/Page\b").Count;
    }
}
