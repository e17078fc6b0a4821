using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>
/// The listening experience in a real browser: the persistent player (play, seek, next, queue reorder, lyrics,
/// restore after reload), playlists, search, and axe-core on Home, Album and the open player. Music comes from
/// <see cref="ListeningContent"/> (three short uploaded tracks).
/// </summary>
public sealed class ListeningTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "listen")
{
    private const string CurrentAudio = "audio[data-selah-current]";

    private ILocator PlayerBar => Page.GetByRole(AriaRole.Region, new PageGetByRoleOptions { Name = "Player", Exact = true });

    private ILocator PlayerButton(string name) => PlayerBar.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = name, Exact = true });

    private Task<double> CurrentTimeAsync() =>
        Page.EvaluateAsync<double>($"() => document.querySelector('{CurrentAudio}')?.currentTime ?? -1");

    private Task<string> CurrentSrcAsync() =>
        Page.EvaluateAsync<string>($"() => document.querySelector('{CurrentAudio}')?.currentSrc ?? ''");

    /// <summary>Waits until the playing element's currentTime passes <paramref name="seconds"/> (it really plays).</summary>
    private Task WaitForTimeAboveAsync(double seconds) =>
        Page.WaitForFunctionAsync($"() => (document.querySelector('{CurrentAudio}')?.currentTime ?? 0) > {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            null, new PageWaitForFunctionOptions { Timeout = 30_000, PollingInterval = 100 });

    [Fact]
    public Task Play_seek_next_reorder_the_queue_and_restore_after_reload() => RunAsync(async () =>
    {
        var catalog = await ListeningContent.EnsureAsync(Server);
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);

        Step("album page: play the first track");
        await OpenAsync($"/albums/{catalog.AlbumId}");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = ListeningContent.Album, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Img, new() { Name = $"Cover of {ListeningContent.Album} by {ListeningContent.Artist}" })
            .Or(Page.GetByRole(AriaRole.Img, new() { Name = $"No cover for {ListeningContent.Album}" }))).ToBeVisibleAsync();
        var started = Page.WaitForResponseAsync(r => r.Url.Contains("/api/v1/plays") && r.Request.Method == "POST", new() { Timeout = 30_000 });
        await Button($"Play {ListeningContent.Titles[0]}").ClickAsync();
        await WaitForTimeAboveAsync(1.0);
        Assert.Contains($"/api/v1/tracks/{catalog.TrackIds[0]}/stream", await CurrentSrcAsync());
        await Assertions.Expect(PlayerButton("Pause")).ToBeVisibleAsync();
        var startEvent = await started;
        Assert.Equal(200, startEvent.Status);
        Assert.Contains("\"start\"", startEvent.Request.PostData ?? "");
        await ScreenshotAsync("album-playing");

        Step("seek to 20 s with the Seek slider");
        await PlayerBar.GetByRole(AriaRole.Slider, new() { Name = "Seek", Exact = true }).FillAsync("20");
        await WaitForTimeAboveAsync(20.0);

        Step("keyboard: space pauses, space plays");
        await Page.Locator("h1").ClickAsync();
        await Page.Keyboard.PressAsync(" ");
        await Assertions.Expect(PlayerButton("Play")).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync(" ");
        await Assertions.Expect(PlayerButton("Pause")).ToBeVisibleAsync();

        Step("lyrics: the synced line follows playback; clicking a line seeks");
        await PlayerButton("Lyrics").ClickAsync();
        var lyrics = Page.GetByRole(AriaRole.Complementary, new() { Name = "Lyrics" });
        await Assertions.Expect(lyrics.Locator("li.active")).ToHaveCountAsync(1);
        await lyrics.GetByRole(AriaRole.Button, new() { Name = "That saved a wretch like me" }).ClickAsync();
        await Assertions.Expect(lyrics.Locator("li.active")).ToContainTextAsync("That saved a wretch like me");
        var atLine = await CurrentTimeAsync();
        Assert.InRange(atLine, 7.9, 15.9);
        await Assertions.Expect(lyrics.Locator("li.active")).ToContainTextAsync("I once was lost, but now am found", new() { Timeout = 15_000 });
        await ScreenshotAsync("lyrics");

        Step("next track");
        await PlayerButton("Next").ClickAsync();
        await Assertions.Expect(PlayerBar).ToContainTextAsync(ListeningContent.Titles[1]);
        await Page.WaitForFunctionAsync($"() => (document.querySelector('{CurrentAudio}')?.currentSrc ?? '').includes('{catalog.TrackIds[1]}')");
        await WaitForTimeAboveAsync(0.5);

        Step("queue: move the last track up with the keyboard, then remove it");
        await PlayerButton("Queue").ClickAsync();
        var queue = Page.GetByRole(AriaRole.Complementary, new() { Name = "Queue" });
        var entries = queue.Locator("li");
        await Assertions.Expect(entries).ToHaveCountAsync(3);
        await queue.GetByRole(AriaRole.Button, new() { Name = $"Reorder {ListeningContent.Titles[2]}, position 3 of 3" }).FocusAsync();
        await Page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(entries.Nth(1)).ToContainTextAsync(ListeningContent.Titles[2]);
        await Assertions.Expect(entries.Nth(2)).ToContainTextAsync(ListeningContent.Titles[1]);
        await Assertions.Expect(queue.GetByRole(AriaRole.Button, new() { Name = $"Reorder {ListeningContent.Titles[2]}, position 2 of 3" })).ToBeFocusedAsync();
        await ScreenshotAsync("queue");

        Step("reload: queue and position come back");
        await PlayerButton("Pause").ClickAsync();
        var before = await CurrentTimeAsync();
        Assert.True(before > 0.4, $"position before reload {before}");
        await Page.ReloadAsync();
        await Assertions.Expect(PlayerBar).ToContainTextAsync(ListeningContent.Titles[1]);
        await Assertions.Expect(PlayerButton("Play")).ToBeEnabledAsync();
        await Page.WaitForFunctionAsync($"() => (document.querySelector('{CurrentAudio}')?.currentTime ?? 0) > 0.3");
        var restored = await CurrentTimeAsync();
        Assert.InRange(restored, before - 2.5, before + 0.5);

        Step("phone width");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await OpenAsync($"/albums/{catalog.AlbumId}");
        await Assertions.Expect(Button($"Play {ListeningContent.Titles[0]}")).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync();
        await ScreenshotAsync("album-phone");
        await PlayerButton("Queue").ClickAsync();
        await ScreenshotAsync("queue-phone");
    });

    [Fact]
    public Task Build_a_playlist_and_reorder_it_by_keyboard_and_drag() => RunAsync(async () =>
    {
        var catalog = await ListeningContent.EnsureAsync(Server);
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);

        Step("create a playlist from the library");
        await OpenAsync("/library");
        await Button("New playlist").ClickAsync();
        await Field("Name").FillAsync("Sunday evening");
        await Button("Create playlist").ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/playlists/[0-9a-f-]{36}$"));
        var playlistUrl = Page.Url;

        Step("add the album's tracks through 'Add album to playlist'");
        await OpenAsync($"/albums/{catalog.AlbumId}");
        await Button("Add album to playlist").ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sunday evening" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("Added 3 tracks to Sunday evening.")).ToBeVisibleAsync();

        Step("reorder: keyboard");
        await OpenAsync(playlistUrl);
        var rows = Page.Locator("ol.entries > li");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Button($"Reorder {ListeningContent.Titles[2]}, position 3 of 3").FocusAsync();
        await Page.Keyboard.PressAsync("ArrowUp");
        // Each move is saved before the next one (the handle is disabled while the server answers), as a person sees it move.
        await Assertions.Expect(Button($"Reorder {ListeningContent.Titles[2]}, position 2 of 3")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("ArrowUp");
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(ListeningContent.Titles[2]);
        await Assertions.Expect(Button($"Reorder {ListeningContent.Titles[2]}, position 1 of 3")).ToBeFocusedAsync();

        Step("reorder: drag the last row to the top");
        await rows.Nth(2).DragToAsync(rows.Nth(0));
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(ListeningContent.Titles[1]);

        Step("the order is stored: reload");
        await Page.ReloadAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.Nth(0)).ToContainTextAsync(ListeningContent.Titles[1]);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync(ListeningContent.Titles[2]);
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync(ListeningContent.Titles[0]);

        Step("remove one");
        await Button($"Remove {ListeningContent.Titles[0]} from playlist").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await ScreenshotAsync("playlist");
    });

    [Fact]
    public Task Download_an_album_go_offline_and_play_it() => RunAsync(async () =>
    {
        var catalog = await ListeningContent.EnsureAsync(Server);
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);

        Step("the service worker takes control; a reload passes the app's files through it into the cache");
        await Page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await Page.ReloadAsync();
        await Page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

        Step("download the album");
        await OpenAsync($"/albums/{catalog.AlbumId}");
        await Button("Download").ClickAsync();
        await Assertions.Expect(Button("Downloaded")).ToBeVisibleAsync();
        await OpenAsync("/downloads");
        await Assertions.Expect(Page.GetByText("3 tracks")).ToBeVisibleAsync();

        Step("offline: no request reaches the network any more");
        await Context.SetOfflineAsync(true);
        await Context.RouteAsync("**/*", route => route.AbortAsync("internetdisconnected"));
        try
        {
            await Page.GotoAsync("/downloads");
            await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Downloads", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(Page.GetByRole(AriaRole.Status).GetByRole(AriaRole.Link, new() { Name = "Offline" })).ToBeVisibleAsync();
            Assert.False(await Page.EvaluateAsync<bool>("() => fetch('/api/v1/genres').then(() => true, () => false)"), "the API answered while offline");
            await Button($"Play {ListeningContent.Titles[1]}").ClickAsync();
            await WaitForTimeAboveAsync(1.0);
            Assert.Contains($"/api/v1/tracks/{catalog.TrackIds[1]}/stream", await CurrentSrcAsync());
            await ScreenshotAsync("offline-downloads");
        }
        finally
        {
            await Context.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
            await Context.SetOfflineAsync(false);
        }
    });

    [Fact]
    public Task Search_as_you_type_finds_a_track_despite_a_typo() => RunAsync(async () =>
    {
        await ListeningContent.EnsureAsync(Server);
        await OpenAsync("/search");
        var box = Field("Search songs, albums, artists and playlists");
        await box.PressSequentiallyAsync("amazng gra", new() { Delay = 40 });
        await Assertions.Expect(Button($"Play {ListeningContent.Titles[0]}")).ToBeVisibleAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex(@"/search\?q=amazng"));
        await ScreenshotAsync("search");
        await Button($"Play {ListeningContent.Titles[0]}").ClickAsync();
        await WaitForTimeAboveAsync(0.5);
    });

    [Fact]
    public Task Home_album_and_the_open_player_have_no_serious_axe_violations() => RunAsync(async () =>
    {
        var catalog = await ListeningContent.EnsureAsync(Server);
        var axePath = Path.Combine(RepoPaths.ToolsDir, "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axePath), $"{axePath} is missing: run `npm ci` in tests/tools (scripts/test.sh does).");
        var blocking = new StringBuilder();

        await Page.GotoAsync("/");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "New releases" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(ListeningContent.Album) }).First).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync();
        await ScreenshotAsync("home");
        await AxeAsync(axePath, "home", blocking);

        await OpenAsync($"/albums/{catalog.AlbumId}");
        await Button($"Play {ListeningContent.Titles[0]}").ClickAsync();
        await WaitForTimeAboveAsync(0.3);
        await AxeAsync(axePath, "album (playing)", blocking);
        await PlayerButton("Queue").ClickAsync();
        await AxeAsync(axePath, "player with queue", blocking);
        await PlayerButton("Lyrics").ClickAsync();
        await AxeAsync(axePath, "player with lyrics", blocking);

        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.GotoAsync("/");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "New releases" })).ToBeVisibleAsync();
        await AssertNoHorizontalOverflowAsync();
        await ScreenshotAsync("home-phone");
        await AxeAsync(axePath, "home (phone)", blocking);

        Assert.True(blocking.Length == 0, $"axe found serious/critical violations:\n{blocking}");
    });

    private async Task AssertNoHorizontalOverflowAsync()
    {
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at {Page.ViewportSize?.Width}px");
    }

    private async Task AxeAsync(string axePath, string what, StringBuilder blocking)
    {
        await Page.AddScriptTagAsync(new() { Path = axePath });
        var violations = await Page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { resultTypes: ['violations'] });" +
            " return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help," +
            " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })); }");
        foreach (var v in violations.EnumerateArray())
        {
            var impact = v.GetProperty("impact").GetString();
            var line = $"{what}: {impact}: {v.GetProperty("id")} – {v.GetProperty("help")} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray())}";
            Output.WriteLine(line);
            if (impact is "serious" or "critical")
            {
                blocking.AppendLine(line);
            }
        }
    }
}
