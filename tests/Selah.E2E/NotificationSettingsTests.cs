using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>The notification settings page: a switch of the type × channel matrix is saved and survives a reload.</summary>
public sealed class NotificationSettingsTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "notification-settings")
{
    [Fact]
    public Task A_switch_toggled_on_the_settings_page_persists_after_reload() => RunAsync(async () =>
    {
        Step("sign in and open the settings");
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);
        await OpenAsync("/settings/notifications");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Notification settings", Level = 1 })).ToBeVisibleAsync();
        var reactionsByEmail = Page.Locator("td[data-testid='switch-reaction-email'] input[type=checkbox]");
        await Assertions.Expect(reactionsByEmail).Not.ToBeCheckedAsync(); // reactions are not emailed by default
        await ScreenshotAsync("settings-desktop");

        Step("turn on email for reactions with the keyboard");
        await reactionsByEmail.FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(Page.GetByText("Reactions: email on")).ToBeVisibleAsync();
        await Assertions.Expect(reactionsByEmail).ToBeCheckedAsync();

        Step("reload: still on");
        await Page.ReloadAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Notification settings", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("td[data-testid='switch-reaction-email'] input[type=checkbox]")).ToBeCheckedAsync();
        await Assertions.Expect(Page.Locator("td[data-testid='switch-comment-push'] input[type=checkbox]")).ToBeCheckedAsync();

        Step("phone layout and the notifications page");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await ScreenshotAsync("settings-phone");
        await Page.GotoAsync("/notifications");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("You're all caught up").Or(Page.Locator("[data-testid=notification]").First)).ToBeVisibleAsync();
        await ScreenshotAsync("notifications-phone");

        Step("turn it back off (the shared server's admin keeps its defaults)");
        await OpenAsync("/settings/notifications");
        var again = Page.Locator("td[data-testid='switch-reaction-email'] input[type=checkbox]");
        await Assertions.Expect(again).ToBeCheckedAsync();
        await again.FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(Page.GetByText("Reactions: email off")).ToBeVisibleAsync();
    });
}
