using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>
/// Community in three browser contexts: member A posts a prayer request on /prayer and it is held (the E2E server holds
/// each member's first post); the moderator approves it on /moderation; member B finds it on the prayer wall and
/// presses "I prayed"; A's bell counts up live (no reload) and A's post page names B under "Who prayed". Screenshots of
/// the feed, the post page and the moderation queue at desktop and 390 px.
/// </summary>
public sealed class CommunityTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "community")
{
    [Fact]
    public Task A_held_prayer_request_is_approved_prayed_for_and_the_author_sees_it_live() => RunAsync(async () =>
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (aEmail, aName) = await NewMemberAsync("Anna " + Letters(tag));
        var (bEmail, bName) = await NewMemberAsync("Ben " + Letters(tag));
        var (mEmail, _) = await NewMemberAsync("Mod " + Letters(tag), moderator: true);
        var request = $"Please pray for my mother's surgery on Friday ({tag}).";

        Step("A posts a prayer request on the prayer wall; it is held");
        Page.SetDefaultTimeout(Boot);
        await SignInAsync(aEmail, Password);
        await OpenAsync("/prayer");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Prayer wall", Level = 1 })).ToBeVisibleAsync(new() { Timeout = Boot });
        await Field("What can we pray for?").FillAsync(request);
        await Button("Post").ClickAsync();
        var aCard = Page.Locator("article").Filter(new() { HasText = tag });
        await Assertions.Expect(aCard).ToContainTextAsync("Waiting for a moderator", new() { Timeout = Boot });
        var bell = Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Notifications, \\d+ unread$") });
        await Assertions.Expect(bell).ToHaveAccessibleNameAsync("Notifications, 0 unread", new() { Timeout = Boot });

        Step("the moderator approves it in /moderation");
        await using var modContext = await NewContextAsync();
        var mod = await modContext.NewPageAsync();
        await SignInOnAsync(mod, mEmail);
        await OpenAsync(mod, "/moderation");
        var item = mod.Locator("li.queue-item").Filter(new() { HasText = tag });
        await Assertions.Expect(item).ToContainTextAsync(aName, new() { Timeout = Boot });
        await Assertions.Expect(item).ToContainTextAsync("Held");
        await Assertions.Expect(item).ToContainTextAsync("first posts");
        await ShotAsync(mod, "moderation-desktop");
        await mod.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ShotAsync(mod, "moderation-phone");
        await NoSidewaysScrollAsync(mod, "moderation");
        await mod.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await item.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(item).ToHaveCountAsync(0);

        Step("A's bell shows the approval without a reload");
        await Assertions.Expect(bell).ToHaveAccessibleNameAsync("Notifications, 1 unread");

        Step("B prays for it from the prayer wall");
        await using var bContext = await NewContextAsync();
        var b = await bContext.NewPageAsync();
        await SignInOnAsync(b, bEmail);
        await OpenAsync(b, "/prayer");
        var bCard = b.Locator("article").Filter(new() { HasText = tag });
        await Assertions.Expect(bCard).ToContainTextAsync(aName, new() { Timeout = Boot });
        await bCard.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^I prayed") }).ClickAsync();
        await Assertions.Expect(bCard.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^I prayed, 1 prayed") })).ToContainTextAsync("You prayed · 1");

        Step("A's bell counts up live, and A sees who prayed");
        await Assertions.Expect(bell).ToHaveAccessibleNameAsync("Notifications, 2 unread");
        await aCard.GetByRole(AriaRole.Link).First.ClickAsync(); // the post's time links to its page
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/community/posts/[0-9a-f-]{36}$"));
        var prayed = Page.GetByRole(AriaRole.List, new() { Name = "People who prayed" });
        await Assertions.Expect(prayed).ToContainTextAsync(bName, new() { Timeout = Boot });

        Step("A comments and B's reply shows threaded");
        await Field("Add a comment").FillAsync("Thank you all, she is in good hands.");
        await Button("Comment").ClickAsync();
        await Assertions.Expect(Page.Locator(".comment-list")).ToContainTextAsync("she is in good hands");
        await ScreenshotAsync("post-desktop");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ScreenshotAsync("post-phone");
        await NoSidewaysScrollAsync(Page, "post page");

        Step("the community feed at 390 px and desktop");
        await OpenAsync("/community");
        await Assertions.Expect(Page.Locator("article").Filter(new() { HasText = tag })).ToBeVisibleAsync(new() { Timeout = Boot });
        await ScreenshotAsync("feed-phone");
        await NoSidewaysScrollAsync(Page, "feed");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await ScreenshotAsync("feed-desktop");
    });

    private const string Password = "Community-e2e-pass-1";

    /// <summary>A full page load boots the WebAssembly app again; on a busy two-core machine that can take well over 30 s.</summary>
    private const float Boot = 120_000;

    private static string Letters(string hex) => new(hex.Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c).ToArray());

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Fixture.Browser.NewContextAsync(new() { BaseURL = Server.BaseUrl, ViewportSize = Desktop });
        context.SetDefaultTimeout(Boot);
        return context;
    }

    private async Task SignInOnAsync(IPage page, string email)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/signin"), new() { Timeout = Boot });
    }

    private static async Task ShotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, $"community-{name}.png"), FullPage = true });

    private static async Task NoSidewaysScrollAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"the {what} scrolls sideways at 390 px");

    /// <summary>Registers and verifies a member through the API (the emailed code from the pickup folder); a moderator gets the role from the admin.</summary>
    private async Task<(string Email, string Name)> NewMemberAsync(string name, bool moderator = false)
    {
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}@e2e.selah.test";
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var since = DateTime.UtcNow.AddSeconds(-1);
        await Ok(await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, displayName = name }));
        var code = await Server.WaitForEmailCodeAsync(email, since);
        await Ok(await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { email, code }));
        if (moderator)
        {
            using var admin = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Server.BaseUrl) };
            await Ok(await admin.PostAsJsonAsync("/api/v1/auth/login?useCookies=true", new { email = Server.AdminEmail, password = Server.AdminPassword }));
            var antiforgery = await admin.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
            admin.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString()!);
            var users = await Ok(await admin.GetAsync($"/api/v1/admin/users?q={Uri.EscapeDataString(email)}"));
            var id = users.GetProperty("items")[0].GetProperty("id").GetGuid();
            await Ok(await admin.PutAsJsonAsync($"/api/v1/admin/users/{id}/roles", new { roles = new[] { "listener", "moderator" } }));
        }

        return (email, name);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
