using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

public sealed class AccessTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "access")
{
    [Fact]
    public Task Anonymous_visitor_opening_the_profile_is_sent_to_sign_in() => RunAsync(async () =>
    {
        await Page.GotoAsync("/profile");
        await ExpectPathAsync("/signin");
        await Assertions.Expect(Field("Password")).ToBeVisibleAsync();
        await ScreenshotAsync("profile-redirected-to-signin");
    });
}
