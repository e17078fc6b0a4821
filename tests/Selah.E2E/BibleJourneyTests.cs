using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>
/// The Bible journey of issue 5 on its own server that imports KJV and WEB at start-up (the shared E2E server imports
/// none): open John 3 in the KJV, add the WEB in parallel, highlight a verse and add a private note; both survive a reload.
/// Then the offline reader: download the KJV, cut the network, reload, and read other chapters of it; the WEB (not
/// downloaded) says so.
/// </summary>
public sealed class BibleJourneyTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "bible")
{
    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public Task Open_John_3_in_KJV_parallel_WEB_highlight_and_note() => RunAsync(async () =>
    {
        Step("start a server that imports kjv and web");
        await using var server = await SelahServer.StartAsync(new Dictionary<string, string> { ["Selah__Bible__Translations"] = "kjv,web" });
        await WaitForTranslationsAsync(server, "kjv", "web");
        await using var context = await Fixture.Browser.NewContextAsync(new() { BaseURL = server.BaseUrl, ViewportSize = Desktop, Locale = "en-GB" });
        context.SetDefaultTimeout((float)BootTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        try
        {
            await JourneyAsync(server, page);
            await OfflineAsync(context, page);
        }
        finally
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-99-last.png") });
        }
    });

    private static async Task JourneyAsync(SelahServer server, IPage page)
    {
        // sign in
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(server.AdminEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(server.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/signin"));

        // open John 3 in the KJV
        await OpenAsync(page, "/bible/kjv/John.3");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "John 3", Level = 1 })).ToBeVisibleAsync();
        var kjv = page.GetByRole(AriaRole.Article, new() { Name = "John 3 (KJV)" });
        await Assertions.Expect(kjv).ToContainTextAsync("For God so loved the world, that he gave his only begotten Son");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-01-john3-kjv.png") });

        // switch on the parallel WEB
        await page.GetByLabel("Parallel").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "WEB", Exact = true }).ClickAsync();
        var web = page.GetByRole(AriaRole.Article, new() { Name = "John 3 (WEB)" });
        // The WEB reads "whoever believes in him" where the KJV has "whosoever believeth in him".
        await Assertions.Expect(web).ToContainTextAsync("that whoever believes in him should not perish, but have eternal life");
        await Assertions.Expect(kjv).ToContainTextAsync("whosoever believeth in him should not perish");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("parallel=web", RegexOptions.IgnoreCase));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-02-parallel.png") });

        // highlight John 3:16
        var verse = kjv.GetByRole(AriaRole.Button).Filter(new() { HasText = "For God so loved the world" });
        await verse.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Highlight yellow", Exact = true }).ClickAsync();
        await Assertions.Expect(verse).ToHaveClassAsync(new Regex(@"\bhl-yellow\b"));

        // add a private note
        var note = "Whosoever includes me " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Add a private note").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save note", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".bible-note")).ToContainTextAsync(note);
        await Assertions.Expect(verse.GetByLabel("Has a note")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-03-highlight-note.png") });

        // both are kept after a reload
        await page.ReloadAsync();
        var reloaded = page.GetByRole(AriaRole.Article, new() { Name = "John 3 (KJV)" }).GetByRole(AriaRole.Button).Filter(new() { HasText = "For God so loved the world" });
        await Assertions.Expect(reloaded).ToHaveClassAsync(new Regex(@"\bhl-yellow\b"));
        await reloaded.ClickAsync();
        await Assertions.Expect(page.Locator(".bible-note")).ToContainTextAsync(note);
        await Assertions.Expect(page.GetByRole(AriaRole.Article, new() { Name = "John 3 (WEB)" })).ToBeVisibleAsync();
    }

    private static readonly TimeSpan DownloadTimeout = TimeSpan.FromMinutes(3);

    private static async Task OfflineAsync(IBrowserContext context, IPage page)
    {
        // the service worker takes control; a reload passes the app's files through it into the cache
        await OpenAsync(page, "/bible/kjv/John.3");
        await page.EvaluateAsync("() => navigator.serviceWorker.ready");
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");

        // download the KJV, book by book
        var offline = page.GetByRole(AriaRole.Group, new() { Name = "Offline reading" });
        await offline.GetByRole(AriaRole.Button, new() { Name = "Download KJV for offline", Exact = true }).ClickAsync();
        await Assertions.Expect(offline.GetByRole(AriaRole.Status)).ToContainTextAsync("KJV is downloaded for offline reading (",
            new() { Timeout = (float)DownloadTimeout.TotalMilliseconds });
        await Assertions.Expect(offline.GetByRole(AriaRole.Button, new() { Name = "Remove download", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Translation").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^KJV .*· downloaded$") })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex("^WEB .*· downloaded$") })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-04-downloaded.png") });
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-05-downloaded-390.png") });
        await page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        // offline: no request reaches the network any more
        await context.SetOfflineAsync(true);
        await context.RouteAsync("**/*", route => route.AbortAsync("internetdisconnected"));
        try
        {
            await page.ReloadAsync();
            var kjv = page.GetByRole(AriaRole.Article, new() { Name = "John 3 (KJV)" });
            await Assertions.Expect(kjv).ToContainTextAsync("For God so loved the world, that he gave his only begotten Son");
            Assert.False(await page.EvaluateAsync<bool>("() => fetch('/api/v1/genres').then(() => true, () => false)"), "the API answered while offline");

            // chapter navigation works offline: the next chapter, and a chapter of another book
            await page.GetByRole(AriaRole.Link, new() { Name = "John 4" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "John 4", Level = 1 })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Article, new() { Name = "John 4 (KJV)" })).ToContainTextAsync("Then saith the woman of Samaria unto him");
            await OpenAsync(page, "/bible/kjv/Ps.23");
            await Assertions.Expect(page.GetByRole(AriaRole.Article, new() { Name = "Psalms 23 (KJV)" })).ToContainTextAsync("is my shepherd; I shall not want.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-06-offline-psalm.png") });

            // a translation that was not downloaded says so
            await OpenAsync(page, "/bible/web/John.3");
            await Assertions.Expect(page.GetByText("WEB is not downloaded for offline reading.")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "bible-07-offline-not-downloaded.png") });
        }
        finally
        {
            await context.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
            await context.SetOfflineAsync(false);
        }

        // back online, the download can be removed
        await OpenAsync(page, "/bible/kjv/John.3");
        await offline.GetByRole(AriaRole.Button, new() { Name = "Remove download", Exact = true }).ClickAsync();
        await Assertions.Expect(offline.GetByRole(AriaRole.Button, new() { Name = "Download KJV for offline", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "async () => (await (await caches.open('selah-bible')).keys()).filter(r => r.url.includes('/api/v1/bible/kjv/')).length"));
    }

    private async Task WaitForTranslationsAsync(SelahServer server, params string[] ids)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        var seen = "";
        while (clock.Elapsed < ImportTimeout)
        {
            try
            {
                var list = await http.GetFromJsonAsync<JsonElement>("/api/v1/bible/translations");
                var ready = list.EnumerateArray().Where(t => t.TryGetProperty("verseCount", out var n) && n.GetInt32() > 30_000)
                    .Select(t => t.GetProperty("id").GetString()).ToList();
                seen = string.Join(",", ready);
                if (ids.All(ready.Contains))
                {
                    Output.WriteLine($"translations {seen} ready after {clock.Elapsed.TotalSeconds:0} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"kjv and web were not imported within {ImportTimeout.TotalMinutes} min (ready: {seen}).\n{server.OutputTail(3000)}");
    }
}
