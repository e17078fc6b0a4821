using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

public sealed class AdminTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "admin")
{
    [Fact]
    public Task Bootstrap_admin_signs_in_and_finds_their_own_account_in_the_user_list() => RunAsync(async () =>
    {
        Step("sign in as the bootstrap admin");
        await SignInAsync(Server.AdminEmail, Server.AdminPassword);
        await ScreenshotAsync("signed-in");

        Step("open /admin/users");
        await OpenAsync("/admin/users");
        await ExpectPathAsync("/admin/users");
        await Assertions.Expect(Field("Search users")).ToBeVisibleAsync();
        var ownRow = Page.Locator("table").GetByText(Server.AdminEmail);
        await Assertions.Expect(ownRow.First).ToBeVisibleAsync();
        await ScreenshotAsync("users");

        Step("search narrows the list to the admin");
        await Field("Search users").FillAsync("admin@e2e");
        await Assertions.Expect(ownRow.First).ToBeVisibleAsync();
        await ScreenshotAsync("users-search");
    });
}
