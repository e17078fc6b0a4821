using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>
/// Worship: open a song and transpose it (the chords change); then the projector in one browser context and the leader
/// view in another: Next (button and clicker key) moves the projector, Blank empties it. axe-core on the song, leader
/// and projector pages; the song page at 390 px. Songs and the set list are seeded through the API.
/// </summary>
public sealed class WorshipTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "worship")
{
    private const string Sheet = """
        {title: E2E Grace}
        {key: G}
        {start_of_verse: Verse 1}
        A[G]mazing [G7]grace how [C]sweet the [G]sound
        That [G]saved a [Em]wretch like [D/F#]me
        {end_of_verse}
        {start_of_chorus}
        [C]Praise [Cmaj7]him, [Am7]praise [D7sus4]him
        {end_of_chorus}
        {start_of_verse: Verse 2}
        [G]'Twas grace that [D]taught my heart to fear
        {end_of_verse}
        """;

    [Fact]
    public Task Transpose_a_song_then_lead_and_the_projector_follows() => RunAsync(async () =>
    {
        var (songTitle, songId, setListId) = await SeedAsync();
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);

        Step("songs list: search and open the song");
        await OpenAsync("/songs");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Songs", Level = 1 })).ToBeVisibleAsync();
        await Field("Search songs by title or author").FillAsync(songTitle);
        await Page.Keyboard.PressAsync("Enter");
        await Page.GetByRole(AriaRole.Link).Filter(new() { HasText = songTitle }).ClickAsync();
        await ExpectPathAsync($"/songs/{songId}");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = songTitle, Level = 1 })).ToBeVisibleAsync();

        var key = Page.GetByTestId("sheet-key");
        var chords = Page.Locator(".sheet .chord:not(.empty)");
        await Assertions.Expect(key).ToHaveTextAsync("Key: G");
        await Assertions.Expect(chords.First).ToHaveTextAsync("G");
        await Assertions.Expect(Page.Locator(".sheet")).ToContainTextAsync("D/F#");
        await ScreenshotAsync("song-in-G");

        Step("transpose up two semitones: G → A");
        await Button("Transpose up a semitone").ClickAsync();
        await Assertions.Expect(key).ToHaveTextAsync("Key: Ab");
        await Assertions.Expect(chords.First).ToHaveTextAsync("Ab");
        await Button("Transpose up a semitone").ClickAsync();
        await Assertions.Expect(key).ToHaveTextAsync("Key: A");
        await Assertions.Expect(chords.First).ToHaveTextAsync("A");
        var sheetText = await Page.Locator(".sheet").InnerTextAsync();
        Assert.Contains("E/G#", sheetText); // the slash chord's bass moved too
        Assert.Contains("Dmaj7", sheetText); // the quality is kept as written
        Assert.DoesNotContain("D/F#", sheetText);
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "PDF" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("key=A"));
        await ScreenshotAsync("song-in-A");
        await AxeAsync("song");

        Step("the song page at 390 px");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync(); // as a phone opens it (the drawer closed)
        await Assertions.Expect(Button("Transpose down a semitone")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the song page scrolls sideways at 390 px");
        await ScreenshotAsync("song-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        Step("the projector in a second browser context");
        await using var projectorContext = await Fixture.Browser.NewContextAsync(new() { BaseURL = Server.BaseUrl, ViewportSize = new() { Width = 1280, Height = 720 } });
        projectorContext.SetDefaultTimeout((float)BootTimeout.TotalMilliseconds);
        var projector = await projectorContext.NewPageAsync();
        await SignInOnAsync(projector);
        await OpenAsync(projector, $"/worship/{setListId}/screen");
        var slide = projector.GetByRole(AriaRole.Region, new() { Name = "Projected lyrics" });
        await Assertions.Expect(slide).ToContainTextAsync("Welcome");
        await Assertions.Expect(projector.Locator("nav, header")).ToHaveCountAsync(0); // no app chrome

        Step("the leader view: Next moves the projector");
        await OpenAsync($"/worship/{setListId}/leader");
        var now = Page.GetByRole(AriaRole.Region, new() { Name = "Current slide" });
        var next = Page.GetByRole(AriaRole.Region, new() { Name = "Next slide" });
        await Assertions.Expect(now).ToContainTextAsync("Welcome");
        await Assertions.Expect(next).ToContainTextAsync("Amazing grace how sweet the sound");
        await Assertions.Expect(Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Live" })).ToBeVisibleAsync();
        await Button("Next").ClickAsync();
        await Assertions.Expect(slide).ToContainTextAsync("Amazing grace how sweet the sound");
        await Assertions.Expect(slide).ToContainTextAsync("That saved a wretch like me");
        await Assertions.Expect(now).ToContainTextAsync("Amazing grace how sweet the sound");
        await Assertions.Expect(next).ToContainTextAsync("Praise him, praise him");
        await ScreenshotAsync("leader-verse-1");
        await projector.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "worship-projector-verse-1.png") });

        Step("a clicker's PageDown moves to the chorus");
        await Page.Locator("h1").ClickAsync();
        await Page.Keyboard.PressAsync("PageDown");
        await Assertions.Expect(slide).ToContainTextAsync("Praise him, praise him");
        await Page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(slide).ToContainTextAsync("Amazing grace how sweet the sound");
        await Page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(slide).ToContainTextAsync("Praise him, praise him");

        Step("blank the screen, then show it again");
        await Button("Blank screen").ClickAsync();
        await Assertions.Expect(slide).Not.ToContainTextAsync("Praise him");
        await Assertions.Expect(slide).ToHaveAttributeAsync("data-blank", "true");
        await Button("Show slide").ClickAsync();
        await Assertions.Expect(slide).ToContainTextAsync("Praise him, praise him");
        await projector.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "worship-projector-chorus.png") });
        await ScreenshotAsync("leader-chorus");
        await AxeAsync("leader");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Current slide" })).ToContainTextAsync("Praise him, praise him");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the leader view scrolls sideways at 390 px");
        await ScreenshotAsync("leader-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        Step("a late joiner (reload) lands on the current slide");
        await projector.ReloadAsync();
        await Assertions.Expect(projector.GetByRole(AriaRole.Region, new() { Name = "Projected lyrics" })).ToContainTextAsync("Praise him, praise him");
        await AxeAsync("projector", projector);

        Step("the musician view follows with chords in the set key");
        await OpenAsync($"/worship/{setListId}/musician");
        await Assertions.Expect(Page.Locator(".sheet-section.current")).ToContainTextAsync("Praise");
        await Assertions.Expect(Page.Locator(".sheet-section.current .chord:not(.empty)").First).ToHaveTextAsync("D"); // C in G → D in A
        await ScreenshotAsync("musician");
    });

    [Fact]
    public Task Write_a_song_and_its_chord_sheet_then_plan_a_set_list() => RunAsync(async () =>
    {
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);
        var title = "E2E Edited " + Guid.NewGuid().ToString("N")[..6];

        Step("new song: details with scripture typed freely");
        await OpenAsync("/songs");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New song" }).ClickAsync();
        await ExpectPathAsync("/songs/new");
        await Field("Title").FillAsync(title);
        await Field("Authors").FillAsync("John Newton, Edwin Excell");
        await Field("CCLI number").FillAsync("22025");
        await Field("Scripture references").FillAsync("Eph 2:8-9; 1 Chr 17:16");
        await Button("Create song").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/songs/[0-9a-f-]+/edit$"));
        await Assertions.Expect(Field("Scripture references")).ToHaveValueAsync("Eph.2.8-Eph.2.9; 1Chr.17.16");
        var songPath = new Uri(Page.Url).AbsolutePath[..^"/edit".Length];

        Step("add an arrangement: errors name their line, the preview follows the text");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Add arrangement" }).ClickAsync();
        var source = Page.GetByLabel("ChordPro", new() { Exact = true });
        await source.FillAsync("{key: G}\n[G]Amazing grace\n[Hello]not a chord\n");
        await Assertions.Expect(Page.GetByTestId("chordpro-errors")).ToContainTextAsync("line 3");
        await source.FillAsync(Sheet);
        await Assertions.Expect(Page.GetByTestId("chordpro-errors")).ToHaveCountAsync(0);
        var preview = Page.GetByTestId("chordpro-preview");
        await Assertions.Expect(preview.Locator(".sheet-label")).ToHaveTextAsync(["Verse 1", "Chorus", "Verse 2"]);
        await Assertions.Expect(preview.Locator(".chord:not(.empty)").First).ToHaveTextAsync("G");
        await Field("Sequence").FillAsync("V1 C V2 C");
        await Field("Tempo (BPM)").FillAsync("72");
        await Field("Time signature").FillAsync("3/4");
        await ScreenshotAsync("arrangement-editor");
        await Button("Add arrangement").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/arrangements/[0-9a-f-]+/edit$"));
        await Assertions.Expect(Button("Save arrangement")).ToBeVisibleAsync();
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync(); // as a phone opens it (the drawer closed)
        await Assertions.Expect(Button("Save arrangement")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the arrangement editor scrolls sideways at 390 px");
        await ScreenshotAsync("arrangement-editor-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        Step("the song page shows the sheet and an Edit button");
        await OpenAsync(songPath);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("sheet-key")).ToHaveTextAsync("Key: G");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Edit song" })).ToBeVisibleAsync();

        Step("new set list: a song with its key, a free item moved up, saved in that order");
        await OpenAsync("/setlists");
        await Page.GetByRole(AriaRole.Link, new() { Name = "New set list" }).ClickAsync();
        await Field("Title").FillAsync("E2E Evening");
        await Field("Add a song").FillAsync(title);
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = title }).First.ClickAsync();
        await Assertions.Expect(Page.GetByTestId("setlist-item")).ToHaveCountAsync(1);
        await Button("Add other item").ClickAsync();
        await Page.GetByTestId("setlist-item").Nth(1).GetByLabel("Item", new() { Exact = true }).FillAsync("Welcome");
        await Button("Move Welcome up").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("setlist-item").First).ToContainTextAsync("1.");
        await Assertions.Expect(Page.GetByTestId("setlist-item").Nth(1)).ToContainTextAsync(title);
        await ScreenshotAsync("setlist-editor");
        await Button("Create set list").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "E2E Evening", Level = 1 })).ToBeVisibleAsync();
        var items = Page.Locator(".set-items > li");
        await Assertions.Expect(items.First).ToContainTextAsync("Welcome");
        await Assertions.Expect(items.Nth(1)).ToContainTextAsync(title);
        await Assertions.Expect(items.Nth(1)).ToContainTextAsync("Key G");
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Edit set list" })).ToBeVisibleAsync();
        await ScreenshotAsync("setlist-saved");

        Step("the set list editor fits a phone");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Edit set list" }).ClickAsync();
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync(); // as a phone opens it (the drawer closed)
        await Assertions.Expect(Page.GetByTestId("setlist-item")).ToHaveCountAsync(2);
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the set list editor scrolls sideways at 390 px");
        await ScreenshotAsync("setlist-editor-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
    });

    [Fact]
    public Task Playing_a_track_linked_to_a_song_shows_its_scripture_and_the_verse_at_its_line() => RunAsync(async () =>
    {
        var catalog = await ListeningContent.EnsureAsync(Server);
        var trackId = catalog.TrackIds[0]; // "Amazing Grace": lines at 0.5 s, 8 s, 16 s, 24 s
        await LinkScriptureAsync(trackId);
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);

        Step("play the track and open the lyrics: the song's references are listed");
        await OpenAsync($"/albums/{catalog.AlbumId}");
        await Button($"Play {ListeningContent.Titles[0]}").ClickAsync();
        var player = Page.GetByRole(AriaRole.Region, new() { Name = "Player", Exact = true });
        await player.GetByRole(AriaRole.Button, new() { Name = "Lyrics", Exact = true }).ClickAsync();
        var scripture = Page.GetByTestId("track-scripture");
        await Assertions.Expect(scripture).ToBeVisibleAsync();
        await Assertions.Expect(scripture.GetByRole(AriaRole.Link, new() { Name = "Ephesians 2:8–9" })).ToBeVisibleAsync();

        Step("the verse tied to a line appears at that line's time (clicking a line seeks there)");
        var lyrics = Page.GetByRole(AriaRole.Complementary, new() { Name = "Lyrics" });
        var cue = Page.GetByTestId("scripture-cue");
        await lyrics.GetByRole(AriaRole.Button, new() { Name = "That saved a wretch like me" }).ClickAsync();
        await Assertions.Expect(cue).ToContainTextAsync("1 Chronicles 17:16");
        await ScreenshotAsync("scripture-cue");
        await lyrics.GetByRole(AriaRole.Button, new() { Name = "I once was lost, but now am found" }).ClickAsync();
        await Assertions.Expect(cue).ToContainTextAsync("John 9:25");
        await Assertions.Expect(cue.GetByRole(AriaRole.Link, new() { Name = "John 9:25" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/bible/.+/John\\.9$"));
        await lyrics.GetByRole(AriaRole.Button, new() { Name = "Amazing grace, how sweet the sound" }).ClickAsync();
        await Assertions.Expect(cue).ToHaveCountAsync(0); // before the first tied line there is no verse
    });

    /// <summary>A song linked to the track with references, and verse tags in the track's synced lyrics (after lines 2 and 3).</summary>
    private async Task LinkScriptureAsync(Guid trackId)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Server.BaseUrl) };
        await Ok(await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = Server.AdminEmail, password = Server.AdminPassword }));
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        http.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString()!);
        await Ok(await http.PostAsJsonAsync("/api/v1/songs", new { title = "Amazing Grace " + Guid.NewGuid().ToString("N")[..6], scriptureReferences = new[] { "Eph.2.8-Eph.2.9" }, trackIds = new[] { trackId } }));
        await Ok(await http.PatchAsJsonAsync($"/api/v1/tracks/{trackId}", new
        {
            syncedLyrics = "[00:00.50]Amazing grace, how sweet the sound\n[00:08.00]That saved a wretch like me\n[bible:1Chr.17.16]\n[00:16.00]I once was lost, but now am found\n[bible:John.9.25]\n[00:24.00]Was blind, but now I see",
        }));
    }

    private async Task SignInOnAsync(IPage page)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(Server.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Server.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    private async Task AxeAsync(string name, IPage? page = null)
    {
        page ??= Page;
        var axePath = Path.Combine(RepoPaths.ToolsDir, "node_modules", "axe-core", "axe.min.js");
        await page.AddScriptTagAsync(new() { Path = axePath });
        var violations = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { resultTypes: ['violations'] });" +
            " return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help," +
            " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })); }");
        var blocking = new StringBuilder();
        foreach (var v in violations.EnumerateArray())
        {
            var impact = v.GetProperty("impact").GetString();
            var line = $"{name}: {impact}: {v.GetProperty("id")} – {v.GetProperty("help")} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray())}";
            Output.WriteLine(line);
            if (impact is "serious" or "critical")
            {
                blocking.AppendLine(line);
            }
        }

        Assert.True(blocking.Length == 0, $"axe found serious/critical violations:\n{blocking}");
    }

    private async Task<(string Title, Guid SongId, Guid SetListId)> SeedAsync()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Server.BaseUrl) };
        await Ok(await http.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = Server.AdminEmail, password = Server.AdminPassword }));
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        http.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString()!);

        var title = "E2E Grace " + Guid.NewGuid().ToString("N")[..6];
        var song = await Ok(await http.PostAsJsonAsync("/api/v1/songs", new { title, authors = new[] { "John Newton" }, ccliNumber = "22025" }));
        var songId = song.GetProperty("id").GetGuid();
        var arrangement = await Ok(await http.PostAsJsonAsync($"/api/v1/songs/{songId}/arrangements", new { name = "Standard", chordPro = Sheet, sequence = "V1 C V2 C" }));
        var set = await Ok(await http.PostAsJsonAsync("/api/v1/setlists", new
        {
            title = "E2E Sunday",
            startsAt = DateTimeOffset.UtcNow.AddDays(1),
            items = new object[] { new { title = "Welcome" }, new { songId, arrangementId = arrangement.GetProperty("id").GetGuid(), key = "A" } },
        }));
        return (title, songId, set.GetProperty("id").GetGuid());
    }

    private async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
