using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Selah.Benchmarks;

/// <summary>
/// <c>first-visit &lt;baseUrl&gt; &lt;albumId&gt; &lt;trackTitle&gt;</c>: Debian's Chromium opens an album page with an empty cache,
/// presses <c>Play &lt;title&gt;</c> as soon as it appears and waits until the audio plays; then the same again in a new
/// tab of the same profile (HTTP cache and service worker warm). Prints the bytes that came over the network (CDP
/// <c>encodedDataLength</c>, responses from a cache or the service worker excluded) and the times from navigation start.
/// </summary>
public static class FirstVisit
{
    public static async Task<int> RunAsync(string baseUrl, string albumId, string title)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--autoplay-policy=no-user-gesture-required", "--no-sandbox"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 800 } });
        Console.WriteLine($"chromium {browser.Version}, {Environment.ProcessorCount} cores, loopback, album {albumId}");
        var first = await VisitAsync(context, $"/albums/{albumId}", title);
        Report("first visit (empty cache)", first);
        var repeat = await VisitAsync(context, $"/albums/{albumId}", title);
        Report("repeat visit (same profile)", repeat);
        return 0;
    }

    private sealed record Visit(long NetworkBytes, int NetworkRequests, int CachedRequests, double Interactive, double Playing);

    private static void Report(string what, Visit visit) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {visit.NetworkBytes / 1024.0:0} KiB over the network in {visit.NetworkRequests} responses ({visit.CachedRequests} from cache or service worker); " +
        $"play button after {visit.Interactive:0} ms, audio playing after {visit.Playing:0} ms"));

    private static async Task<Visit> VisitAsync(IBrowserContext context, string path, string title)
    {
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        var cached = new HashSet<string>();
        long bytes = 0;
        var network = 0;
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is not { } json)
            {
                return;
            }

            var response = json.GetProperty("response");
            if (Flag(response, "fromDiskCache") || Flag(response, "fromServiceWorker") || Flag(response, "fromPrefetchCache"))
            {
                lock (cached)
                {
                    cached.Add(json.GetProperty("requestId").GetString()!);
                }
            }
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is not { } json)
            {
                return;
            }

            lock (cached)
            {
                if (!cached.Contains(json.GetProperty("requestId").GetString()!))
                {
                    bytes += (long)json.GetProperty("encodedDataLength").GetDouble();
                    network++;
                }
            }
        };
        await cdp.SendAsync("Network.enable");

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        var play = page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = $"Play {title}", Exact = true });
        await play.WaitForAsync(new LocatorWaitForOptions { Timeout = 120_000 });
        var interactive = clock.Elapsed.TotalMilliseconds;
        await play.ClickAsync();
        await page.WaitForFunctionAsync("() => (document.querySelector('audio[data-selah-current]')?.currentTime ?? 0) > 0",
            null, new PageWaitForFunctionOptions { Timeout = 120_000, PollingInterval = 10 });
        var playing = clock.Elapsed.TotalMilliseconds;
        // The service worker must be active (shell cached) before the next visit; waiting for it also lets this visit's
        // late responses arrive.
        await page.EvaluateAsync("() => navigator.serviceWorker.ready.then(() => true)");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Visit visit;
        lock (cached)
        {
            visit = new Visit(bytes, network, cached.Count, interactive, playing);
        }

        await page.CloseAsync(); // the next visit must not share the CPU with this tab's playback
        return visit;
    }

    private static bool Flag(JsonElement element, string name) => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
