using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>The path a new person takes: sign up, verify the emailed code, sign in, edit the profile, sign out.</summary>
public sealed class AccountJourneyTests(E2EFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture, output, "journey")
{
    [Fact]
    public Task Sign_up_verify_sign_in_edit_profile_and_sign_out() => RunAsync(async () =>
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var email = $"e2e-{id}@example.com";
        var password = $"Psalm-{id}-Selah!";
        const string displayName = "Ruth Journey";
        var newDisplayName = $"Ruth of Moab {id[..4]}";
        var newBio = $"Whither thou goest, I will go. ({id})";

        Step("sign up");
        await Page.GotoAsync("/signup");
        await Assertions.Expect(Field("Email")).ToBeVisibleAsync();
        await ScreenshotAsync("signup-empty");
        await Field("Email").FillAsync(email);
        await Field("Password").FillAsync(password);
        await Field("Display name").FillAsync(displayName);
        await ScreenshotAsync("signup-filled");
        var signedUpAt = DateTime.UtcNow;
        await Button("Create account").ClickAsync();
        await ExpectPathAsync("/verify");
        await Assertions.Expect(Field("Code")).ToBeVisibleAsync();
        await ScreenshotAsync("verify");

        Step("read the verification code from the mail pickup folder");
        var code = await Server.WaitForEmailCodeAsync(email, signedUpAt);
        Output.WriteLine($"verification code for {email}: {code}");

        Step("verify");
        var emailOnVerify = Field("Email");
        if (await emailOnVerify.CountAsync() > 0 && string.IsNullOrEmpty(await emailOnVerify.InputValueAsync()))
        {
            await emailOnVerify.FillAsync(email); // the page should prefill it from ?email=, but do not depend on it
        }

        await Field("Code").FillAsync(code);
        await ScreenshotAsync("verify-filled");
        await Button("Verify email").ClickAsync();
        await ExpectPathAsync("/signin");
        await Assertions.Expect(Field("Password")).ToBeVisibleAsync();
        await ScreenshotAsync("signin");

        Step("sign in");
        var emailOnSignIn = Field("Email");
        if (await emailOnSignIn.InputValueAsync() != email)
        {
            await emailOnSignIn.FillAsync(email);
        }

        await Field("Password").FillAsync(password);
        await Button("Sign in").ClickAsync();
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new Regex("/signin", RegexOptions.IgnoreCase));
        await ScreenshotAsync("signed-in");

        Step("edit the profile");
        await OpenAsync("/profile");
        await ExpectPathAsync("/profile");
        await Assertions.Expect(Field("Display name")).ToHaveValueAsync(displayName);
        await ScreenshotAsync("profile");
        await Field("Display name").FillAsync(newDisplayName);
        await Field("Bio").FillAsync(newBio);
        var save = await Page.RunAndWaitForResponseAsync(
            () => Button("Save profile").ClickAsync(),
            r => r.Request.Method == "PATCH" && new Uri(r.Url).AbsolutePath.Equals("/api/v1/me", StringComparison.OrdinalIgnoreCase));
        Assert.True(save.Ok, $"PATCH /api/v1/me answered {save.Status}: {await save.TextAsync()}");
        await ScreenshotAsync("profile-saved");

        Step("reload: the new values are persisted");
        await Page.ReloadAsync();
        await Assertions.Expect(Field("Display name")).ToHaveValueAsync(newDisplayName);
        await Assertions.Expect(Field("Bio")).ToHaveValueAsync(newBio);
        await ScreenshotAsync("profile-reloaded");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Assertions.Expect(Field("Display name")).ToBeVisibleAsync();
        await ScreenshotAsync("profile-phone-390x844");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        Step("sign out from the user menu");
        await SignOutAsync(newDisplayName);
        var signInControl = Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true })
            .Or(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }));
        await Assertions.Expect(signInControl.First).ToBeVisibleAsync();
        await ScreenshotAsync("signed-out");

        Step("signed out for real: /profile now sends us to sign in");
        await Page.GotoAsync("/profile");
        await ExpectPathAsync("/signin");
    });

    /// <summary>Clicks "Sign out", opening the app bar's user menu first when the item is not already visible.</summary>
    private async Task SignOutAsync(string displayName)
    {
        var signOut = Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out", Exact = true })
            .Or(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }))
            .Or(Page.GetByRole(AriaRole.Link, new() { Name = "Sign out", Exact = true }))
            .Or(Page.GetByText("Sign out", new() { Exact = true }));

        if (!await AnyVisibleAsync(signOut))
        {
            // The user menu's activator in the app bar: named after the user or the account/user menu.
            var appBar = Page.Locator("header, [role=banner], .mud-appbar").First;
            var opener = appBar.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"{Regex.Escape(displayName)}|account|user|profile|menu", RegexOptions.IgnoreCase) });
            await Assertions.Expect(opener.Last).ToBeVisibleAsync();
            var count = await opener.CountAsync();
            for (var i = count - 1; i >= 0 && !await AnyVisibleAsync(signOut); i--)
            {
                var candidate = opener.Nth(i);
                if (await candidate.IsVisibleAsync())
                {
                    await candidate.ClickAsync();
                    try
                    {
                        await signOut.First.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = 3000 });
                    }
                    catch (TimeoutException)
                    {
                        await Page.Keyboard.PressAsync("Escape"); // not this one; close whatever it opened
                    }
                }
            }

            await ScreenshotAsync("user-menu-open");
        }

        await VisibleOne(signOut).ClickAsync();
    }

    private static async Task<bool> AnyVisibleAsync(ILocator locator)
    {
        var count = await locator.CountAsync();
        for (var i = 0; i < count; i++)
        {
            if (await locator.Nth(i).IsVisibleAsync())
            {
                return true;
            }
        }

        return false;
    }

    private static ILocator VisibleOne(ILocator locator) => locator.Filter(new() { Visible = true }).First;
}
