using Microsoft.Playwright;

namespace Selah.E2E.Infrastructure;

/// <summary>
/// One real Selah server and one headless Debian Chromium shared by every end-to-end test (the tests run one after
/// another in the "e2e" collection; each test gets its own browser context, so cookies never leak between tests).
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private SelahServer? _server;

    public SelahServer Server => _server ?? throw new InvalidOperationException("server not started");
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("browser not launched");

    public async Task InitializeAsync()
    {
        // Playwright must never download a browser: it drives Debian's Chromium.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH")))
        {
            Environment.SetEnvironmentVariable("PLAYWRIGHT_BROWSERS_PATH", "0");
        }

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (scripts/test.sh does).");
        }

        // Each member's first post is held for review, so the community journey can approve one (CommunityTests).
        var serverTask = SelahServer.StartAsync(new Dictionary<string, string> { ["Selah__Moderation__HoldFirstPosts"] = "1" });
        var browserTask = LaunchBrowserAsync();
        try
        {
            await Task.WhenAll(serverTask, browserTask);
        }
        finally
        {
            if (serverTask.IsCompletedSuccessfully)
            {
                _server = serverTask.Result;
            }
        }
    }

    private async Task LaunchBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "e2e";
}
