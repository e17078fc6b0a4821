using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>
/// Groups and prayer rooms in two browser contexts: A creates a group, B joins; A's chat message reaches B live and
/// B's typing shows on A's screen; A sends a picture, B sees it live and opens it full size; A edits the group
/// (description, picture) and posts in its feed, which B sees; A starts a group playlist, B adds a track to it from the
/// album page and A sees it with "added by B"; B adds a request in A's prayer room, A pins it and B sees it pinned live;
/// only the host sees "Close room" and removes B's message. The group page, its feed and playlists, the group playlist
/// and the prayer room are captured at desktop width and at 390 px.
/// </summary>
public sealed class GroupsTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "groups")
{
    [Fact]
    public Task Two_people_chat_in_a_group_and_pray_together_in_a_room() => RunAsync(async () =>
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var groupName = $"Tuesday Home Group {id}";
        var (bEmail, bPassword, bName) = await RegisterAsync(id);
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);
        var catalog = await ListeningContent.EnsureAsync(Server); // music for the group playlist (shared with the listening tests)

        Step("A creates a group");
        await OpenAsync("/groups");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Groups", Level = 1 })).ToBeVisibleAsync();
        await Button("New group").ClickAsync();
        await Field("Name").FillAsync(groupName);
        await Field("Description").FillAsync("We read Acts together and pray for one another.");
        await Button("Create group").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = groupName, Level = 1 })).ToBeVisibleAsync();
        var groupPath = new Uri(Page.Url).AbsolutePath;
        await Assertions.Expect(Page.GetByTestId("chat-online")).ToContainTextAsync("you");

        Step("B signs in in a second browser context and joins");
        await using var bContext = await Fixture.Browser.NewContextAsync(new() { BaseURL = Server.BaseUrl, ViewportSize = Desktop, Locale = "en-GB", TimezoneId = "Europe/London" });
        bContext.SetDefaultTimeout((float)BootTimeout.TotalMilliseconds);
        var b = await bContext.NewPageAsync();
        await SignInOnAsync(b, bEmail, bPassword);
        await OpenAsync(b, groupPath);
        await b.GetByRole(AriaRole.Button, new() { Name = "Join group", Exact = true }).ClickAsync();
        var bMessage = b.GetByLabel("Message", new() { Exact = true });
        await Assertions.Expect(bMessage).ToBeEnabledAsync();
        await Assertions.Expect(Page.GetByTestId("chat-online")).ToContainTextAsync(bName);

        Step("A sends a chat message with Enter; B sees it live");
        await Field("Message").FillAsync("Welcome! Tonight we start Acts 2.");
        await Field("Message").PressAsync("Enter");
        await Assertions.Expect(b.GetByRole(AriaRole.Log, new() { Name = "Chat messages" })).ToContainTextAsync("Welcome! Tonight we start Acts 2.");
        await Assertions.Expect(Field("Message")).ToHaveValueAsync("");

        Step("B types; A sees the typing indicator");
        await bMessage.PressSequentiallyAsync("Looking forward", new() { Delay = 30 });
        await Assertions.Expect(Page.GetByTestId("chat-typing")).ToHaveTextAsync($"{bName} is typing…");
        await bMessage.PressAsync("Enter");
        await Assertions.Expect(Page.GetByRole(AriaRole.Log, new() { Name = "Chat messages" })).ToContainTextAsync("Looking forward");

        Step("A attaches a picture with a caption; B sees it live and opens it full size");
        var picture = Convert.FromBase64String(await Page.EvaluateAsync<string>("""
            () => { const c = document.createElement('canvas'); c.width = 640; c.height = 400; const g = c.getContext('2d');
              g.fillStyle = '#4a7bb7'; g.fillRect(0, 0, 640, 400); g.fillStyle = '#f2c14e'; g.beginPath(); g.arc(320, 200, 120, 0, 7); g.fill();
              return c.toDataURL('image/png').split(',')[1]; }
            """));
        await Page.Locator(".compose input[type=file]").SetInputFilesAsync(new FilePayload { Name = "picnic.png", MimeType = "image/png", Buffer = picture });
        await Assertions.Expect(Page.GetByTestId("chat-pending-image")).ToHaveCountAsync(1);
        await Field("Message").FillAsync("Our picnic after church");
        await Assertions.Expect(Button("Send message")).ToBeEnabledAsync(); // the upload has finished
        await Button("Send message").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("chat-pending-image")).ToHaveCountAsync(0);
        var bPicture = b.GetByRole(AriaRole.Button, new() { Name = "Open picture 1 of 1 in full size" });
        await Assertions.Expect(bPicture).ToBeVisibleAsync();
        await b.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=chat-images] img')].some(i => i.complete && i.naturalWidth === 640)");
        await Assertions.Expect(b.GetByRole(AriaRole.Log, new() { Name = "Chat messages" })).ToContainTextAsync("Our picnic after church");
        await bPicture.ClickAsync();
        await Assertions.Expect(b.GetByRole(AriaRole.Img, new() { Name = "Full-size picture" })).ToBeVisibleAsync();
        await b.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "groups-chat-image-viewer.png") });
        await b.Keyboard.PressAsync("Escape");
        await Assertions.Expect(b.GetByRole(AriaRole.Img, new() { Name = "Full-size picture" })).ToHaveCountAsync(0);

        Step("B pastes a picture into the message box; its thumbnail can be removed before sending");
        await b.EvaluateAsync("""
            async () => { const c = document.createElement('canvas'); c.width = 200; c.height = 120; c.getContext('2d').fillRect(0, 0, 200, 120);
              const blob = await new Promise(r => c.toBlob(r, 'image/png')); const data = new DataTransfer();
              data.items.add(new File([blob], 'pasted.png', { type: 'image/png' }));
              document.querySelector('.compose input:not([type=file])')
                .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })); }
            """);
        await Assertions.Expect(b.GetByTestId("chat-pending-image")).ToHaveCountAsync(1);
        await Assertions.Expect(b.GetByRole(AriaRole.Button, new() { Name = "Send message" })).ToBeEnabledAsync(); // uploaded: a picture alone may be sent
        await b.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "groups-chat-pasted.png") });
        await b.GetByRole(AriaRole.Button, new() { Name = "Remove picture 1" }).ClickAsync();
        await Assertions.Expect(b.GetByTestId("chat-pending-image")).ToHaveCountAsync(0);
        await ScreenshotAsync("group-chat");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Log, new() { Name = "Chat messages" })).ToContainTextAsync("Looking forward");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the group page scrolls sideways at 390 px");
        await ScreenshotAsync("group-chat-phone");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Members" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.List, new() { Name = "Members" })).ToContainTextAsync(bName);
        await ScreenshotAsync("group-members-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        Step("A edits the group: a new description and a picture (previewed before saving)");
        await Button("Edit group").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Description", new() { Exact = true }).FillAsync($"Acts, one chapter a week {id}. Everyone welcome.");
        await dialog.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "group.png", MimeType = "image/png", Buffer = Convert.FromBase64String(GroupPng) });
        await Assertions.Expect(dialog.GetByRole(AriaRole.Img, new() { Name = "Preview of the new group picture" })).ToBeVisibleAsync();
        await ScreenshotAsync("group-edit");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save changes", Exact = true }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Page.WaitForFunctionAsync("() => { const i = document.querySelector('.settings-bar .group-avatar img'); return !!i && i.complete && i.naturalWidth > 0; }");

        Step("A posts in the group feed; B sees the post in the Feed tab");
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Feed" }).ClickAsync();
        var groupPost = $"Thank you for praying for my mother this week {id}";
        await Field("Write something").FillAsync(groupPost);
        await Button("Post").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Feed, new() { Name = "Posts" })).ToContainTextAsync(groupPost);
        await b.ReloadAsync();
        await b.GetByRole(AriaRole.Tab, new() { Name = "Feed" }).ClickAsync();
        await Assertions.Expect(b.GetByRole(AriaRole.Feed, new() { Name = "Posts" })).ToContainTextAsync(groupPost);
        await b.WaitForFunctionAsync("() => { const i = document.querySelector('.settings-bar .group-avatar img'); return !!i && i.complete && i.naturalWidth > 0; }");
        await ScreenshotAsync("group-feed");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync(); // as a phone opens the page (the tab bar measures itself on first render)
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Feed" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Feed, new() { Name = "Posts" })).ToContainTextAsync(groupPost);
        var wide = await Page.EvaluateAsync<string>("""
            () => document.documentElement.scrollWidth <= window.innerWidth + 1 ? '' : [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && e.getClientRects().length > 0)
                .slice(-6).map(e => `${e.tagName}.${e.className} → ${Math.round(e.getBoundingClientRect().right)}`).join('; ')
            """);
        Assert.True(wide.Length == 0, $"the group feed scrolls sideways at 390 px: {wide}");
        await ScreenshotAsync("group-feed-phone");
        await OpenAsync("/groups");
        await Assertions.Expect(Page.Locator($".group-link:has-text('{groupName}') .group-avatar img")).ToBeVisibleAsync();
        await ScreenshotAsync("group-list-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await OpenAsync(groupPath);

        Step("A starts a group playlist from the Playlists tab");
        var playlistName = $"Friday worship {id}";
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Playlists" }).ClickAsync();
        await Assertions.Expect(Page.GetByText("No playlists yet.")).ToBeVisibleAsync();
        await Button("New group playlist").ClickAsync();
        await Field("Name").FillAsync(playlistName);
        await Button("Create playlist").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = playlistName, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = groupName })).ToBeVisibleAsync();
        var playlistPath = new Uri(Page.Url).AbsolutePath;

        Step("B adds a track to it from the album page; A sees it, added by B");
        await OpenAsync(b, $"/albums/{catalog.AlbumId}");
        await b.GetByRole(AriaRole.Button, new() { Name = $"More for {ListeningContent.Titles[1]}" }).ClickAsync();
        await b.GetByRole(AriaRole.Menuitem, new() { Name = "Add to playlist…" }).ClickAsync();
        await b.GetByRole(AriaRole.Dialog).GetByText(playlistName).ClickAsync();
        await Assertions.Expect(b.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Page.ReloadAsync();
        var entries = Page.Locator("ol.entries > li");
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Assertions.Expect(entries.Nth(0)).ToContainTextAsync(ListeningContent.Titles[1]);
        await Assertions.Expect(entries.Nth(0)).ToContainTextAsync($"Added by {bName}");
        await ScreenshotAsync("group-playlist");
        await OpenAsync(groupPath);
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Playlists" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Cover of the playlist {playlistName}" })).ToBeVisibleAsync();
        await ScreenshotAsync("group-playlists");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Playlists" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = $"Cover of the playlist {playlistName}" })).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the group's playlists scroll sideways at 390 px");
        await ScreenshotAsync("group-playlists-phone");
        await OpenAsync(playlistPath);
        await Assertions.Expect(Page.Locator("ol.entries > li").Nth(0)).ToContainTextAsync($"Added by {bName}");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the group playlist scrolls sideways at 390 px");
        await ScreenshotAsync("group-playlist-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        Step("A opens a prayer room for the group");
        await OpenAsync(groupPath.Replace("/groups/", "/prayer-rooms?group=", StringComparison.Ordinal));
        await Button("Open a room").ClickAsync();
        await Field("Title").FillAsync($"Evening prayer {id}");
        await Button("Open room").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Evening prayer {id}", Level = 1 })).ToBeVisibleAsync();
        var roomPath = new Uri(Page.Url).AbsolutePath;

        Step("B joins the room and adds a request; A pins it; B sees it pinned live");
        await OpenAsync(b, roomPath);
        await Assertions.Expect(Page.GetByTestId("praying-now")).ToContainTextAsync(bName);
        var request = $"For my sister's new job {id}";
        await b.GetByLabel("Add a prayer request", new() { Exact = true }).FillAsync(request);
        await b.GetByLabel("Add a prayer request", new() { Exact = true }).PressAsync("Enter");
        await Assertions.Expect(Page.GetByRole(AriaRole.List, new() { Name = "Prayer requests" })).ToContainTextAsync(request);
        await Page.GetByRole(AriaRole.Button, new() { Name = $"I'm praying for: {request}" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.List, new() { Name = "Prayer requests" })).ToContainTextAsync("You're praying");
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Pin: {request}" }).ClickAsync();
        await Assertions.Expect(b.GetByTestId("pinned-request")).ToContainTextAsync(request);
        await Assertions.Expect(b.GetByTestId("pinned-request")).ToContainTextAsync("1 praying");
        await b.GetByLabel("Message", new() { Exact = true }).FillAsync("Thank you all 🙏");
        await b.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        await Assertions.Expect(Page.GetByRole(AriaRole.Log, new() { Name = "Room chat" })).ToContainTextAsync("Thank you all");
        await ScreenshotAsync("prayer-room");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByTestId("pinned-request")).ToContainTextAsync(request);
        await Assertions.Expect(Page.GetByRole(AriaRole.Log, new() { Name = "Room chat" })).ToContainTextAsync("Thank you all"); // history after a reload
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the prayer room scrolls sideways at 390 px");
        await ScreenshotAsync("prayer-room-phone");
        await b.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.ArtifactsDir, "groups-prayer-room-guest.png") });

        Step("Only the host sees \"Close room\"; the host removes B's message and it leaves B's screen live");
        await Assertions.Expect(Button("Close room")).ToBeVisibleAsync();
        await Assertions.Expect(b.GetByRole(AriaRole.Button, new() { Name = "Close room" })).ToHaveCountAsync(0);
        await b.GetByLabel("Message", new() { Exact = true }).FillAsync("Off-topic: anyone selling a bike?");
        await b.GetByLabel("Message", new() { Exact = true }).PressAsync("Enter");
        var offTopic = Page.GetByTestId("room-message").Filter(new() { HasText = "selling a bike" });
        await offTopic.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await Page.GetByText("Remove message", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(b.GetByTestId("room-message").Filter(new() { HasText = "selling a bike" })).ToHaveCountAsync(0);
        await Assertions.Expect(b.GetByRole(AriaRole.Log, new() { Name = "Room chat" })).ToContainTextAsync("Thank you all");
    });

    /// <summary>A 48×48 PNG (a gold circle on blue) for the group picture.</summary>
    private const string GroupPng =
        "iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAeElEQVR42u3YwQ2AMAxDUU/DmWEYp+MxEgN0A5oCjRz0JQ/wbrGj7WhWESBAgAAB+i3oOvf75IGGlDcsLdU8MGm1ZtakBM2USTmauElpmqCpIOhDTcQECBAgQIDqgziuFfuQY2N07NSOq8NxlzkuV54NgAABApSZDlsC5kkDPMFIAAAAAElFTkSuQmCC";

    private async Task SignInOnAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
    }

    /// <summary>A verified member made through the API (the sign-up journey has its own test).</summary>
    private async Task<(string Email, string Password, string Name)> RegisterAsync(string id)
    {
        var email = $"e2e-groups-{id}@example.com";
        var password = $"Psalm-{id}-Selah!";
        var name = "Anna " + new string(id.Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c).ToArray())[..5];
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Server.BaseUrl) };
        var antiforgery = await http.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        http.DefaultRequestHeaders.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString()!);
        var before = DateTime.UtcNow;
        await Ok(await http.PostAsJsonAsync("/api/v1/auth/register", new { email, password, displayName = name }));
        var code = await Server.WaitForEmailCodeAsync(email, before);
        await Ok(await http.PostAsJsonAsync("/api/v1/auth/verify-email", new { email, code }));
        return (email, password, name);
    }

    private static async Task Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
    }
}
