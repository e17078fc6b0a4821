using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Selah.E2E.Infrastructure;

/// <summary>
/// Base class for a browser test: a fresh context (1280×800) and page against the shared server, numbered screenshots
/// in artifacts/e2e, and failures reported together with the server's recent output and a final screenshot.
/// </summary>
[Collection(E2ECollection.Name)]
public abstract class BrowserTest : IAsyncLifetime
{
    /// <summary>First load downloads and boots the WebAssembly runtime; allow it this long.</summary>
    protected static readonly TimeSpan BootTimeout = TimeSpan.FromSeconds(30);

    protected static readonly ViewportSize Desktop = new() { Width = 1280, Height = 800 };
    protected static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private readonly string _name;
    private readonly List<string> _browserLog = [];
    private int _shot;

    protected BrowserTest(E2EFixture fixture, ITestOutputHelper output, string name)
    {
        Fixture = fixture;
        Output = output;
        _name = name;
        Assertions.SetDefaultExpectTimeout((float)BootTimeout.TotalMilliseconds);
    }

    protected E2EFixture Fixture { get; }
    protected SelahServer Server => Fixture.Server;
    protected ITestOutputHelper Output { get; }
    protected IBrowserContext Context { get; private set; } = null!;
    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            ViewportSize = Desktop,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        Context.SetDefaultTimeout((float)BootTimeout.TotalMilliseconds);
        Context.SetDefaultNavigationTimeout((float)BootTimeout.TotalMilliseconds);
        Page = await Context.NewPageAsync();
        Page.Console += (_, msg) =>
        {
            if (msg.Type is "error" or "warning")
            {
                lock (_browserLog)
                {
                    _browserLog.Add($"[console.{msg.Type}] {msg.Text}");
                }
            }
        };
        Page.PageError += (_, error) =>
        {
            lock (_browserLog)
            {
                _browserLog.Add($"[pageerror] {error}");
            }
        };
        Page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                lock (_browserLog)
                {
                    _browserLog.Add($"[http {response.Status}] {response.Request.Method} {response.Url}");
                }
            }
        };
    }

    public async Task DisposeAsync() => await Context.CloseAsync();

    /// <summary>Saves <c>artifacts/e2e/&lt;test&gt;-NN-&lt;step&gt;.png</c> of the viewport and returns its path.</summary>
    protected async Task<string> ScreenshotAsync(string step)
    {
        var file = Path.Combine(RepoPaths.ArtifactsDir, $"{_name}-{++_shot:00}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file });
        Output.WriteLine($"screenshot: {file}");
        return file;
    }

    protected void Step(string what, [CallerLineNumber] int line = 0) => Output.WriteLine($"[{DateTime.UtcNow:HH:mm:ss.fff}] {what} (line {line})");

    /// <summary>
    /// Runs the test body; on failure saves a screenshot and rethrows with the page URL, browser console errors and
    /// the server's recent output attached, so a CI log alone says what went wrong.
    /// </summary>
    protected async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
            lock (_browserLog)
            {
                // Blazor shows "Something went wrong" for an unhandled exception while the test may still pass: fail on it.
                Assert.False(_browserLog.Any(l => l.Contains("crit: Microsoft.AspNetCore.Components", StringComparison.Ordinal)),
                    "the app hit an unhandled exception (its error bar showed)");
            }
        }
        catch (Exception ex)
        {
            string shot;
            try
            {
                shot = await ScreenshotAsync("FAILED");
            }
            catch (Exception shotError)
            {
                shot = $"(no screenshot: {shotError.Message})";
            }

            string browserLog;
            lock (_browserLog)
            {
                browserLog = string.Join('\n', _browserLog.TakeLast(40));
            }

            throw new E2EFailureException(
                $"{ex.GetType().Name}: {ex.Message}\n" +
                $"page: {Page.Url}\nscreenshot: {shot}\n" +
                $"--- browser console errors ---\n{(browserLog.Length == 0 ? "(none)" : browserLog)}\n" +
                $"--- server output (tail) ---\n{Server.OutputTail(4000)}",
                ex);
        }
    }

    /// <summary>A text field found by its exact label.</summary>
    protected ILocator Field(string label) => Page.GetByLabel(label, new PageGetByLabelOptions { Exact = true });

    protected ILocator Button(string name) =>
        Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = name, Exact = true });

    /// <summary>Waits until the address bar path matches <paramref name="path"/> (query string allowed).</summary>
    protected Task ExpectPathAsync(string path) =>
        Assertions.Expect(Page).ToHaveURLAsync(new Regex("^[^?#]*" + Regex.Escape(path) + @"(?:[?#].*)?$", RegexOptions.IgnoreCase));

    /// <summary>Goes to <paramref name="path"/> the way a link in the app does (see <see cref="OpenAsync(IPage, string)"/>).</summary>
    protected Task OpenAsync(string path) => OpenAsync(Page, path);

    /// <summary>
    /// Goes to <paramref name="path"/> inside the running app (the router's client-side navigation, as a click on a
    /// link), or loads the page when the app is not running in <paramref name="page"/> yet. Every full load boots the
    /// WebAssembly runtime again (seconds of CPU), so tests use this and keep <c>GotoAsync</c>/<c>ReloadAsync</c> for
    /// what must survive a reload.
    /// </summary>
    protected static async Task OpenAsync(IPage page, string path)
    {
        var running = page.Url.StartsWith("http", StringComparison.Ordinal)
            && await page.EvaluateAsync<bool>("() => typeof Blazor === 'object' && typeof Blazor.navigateTo === 'function' && !!document.querySelector('.mud-layout')");
        if (!running)
        {
            await page.GotoAsync(path);
            return;
        }

        await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^[^?#]*" + Regex.Escape(path.Split('?', '#')[0]) + @"(?:[?#].*)?$", RegexOptions.IgnoreCase));
    }

    /// <summary>Signs in through the /signin form and waits until the app has left the sign-in page.</summary>
    protected async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/signin");
        await Field("Email").FillAsync(email);
        await Field("Password").FillAsync(password);
        await Button("Sign in").ClickAsync();
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new Regex("/signin", RegexOptions.IgnoreCase));
    }
}

public sealed class E2EFailureException(string message, Exception inner) : Exception(message, inner);
