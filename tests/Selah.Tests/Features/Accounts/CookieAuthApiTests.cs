using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Selah.Contracts.Accounts;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class CookieAuthApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Cookie_login_sets_an_HttpOnly_SameSite_Strict_cookie_and_returns_no_tokens()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var browser = Browser();

        var login = await browser.PostJsonAsync("/api/v1/auth/login?useCookies=true", new { email = account.Email, password = account.Password });

        var body = await login.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.True(login.Headers.TryGetValues("Set-Cookie", out var setCookies), "no Set-Cookie header");
        var authCookie = setCookies!.FirstOrDefault(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && !c.Contains("antiforgery", StringComparison.OrdinalIgnoreCase));
        Assert.True(authCookie is not null, $"no HttpOnly cookie among: {string.Join(" | ", setCookies!)}");
        Assert.Contains("samesite=strict", authCookie, StringComparison.OrdinalIgnoreCase);
        var response = System.Text.Json.JsonSerializer.Deserialize<LoginResponse>(body, TestJson.Options);
        Assert.Null(response?.AccessToken);
        Assert.Null(response?.RefreshToken);

        var me = await (await browser.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal(account.UserId, me.Id);
    }

    [Fact]
    public async Task Unsafe_cookie_requests_need_the_antiforgery_header_from_after_sign_in()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var browser = Browser();
        var beforeSignIn = await (await browser.GetAsync("/api/v1/auth/antiforgery")).ReadJsonAsync<AntiforgeryTokenResponse>();
        await (await browser.PostJsonAsync("/api/v1/auth/login?useCookies=true", new { email = account.Email, password = account.Password })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var withoutHeader = await browser.PatchJsonAsync("/api/v1/me", new { bio = "no header" });
        await withoutHeader.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var withStaleToken = await Send(browser, HttpMethod.Patch, "/api/v1/me", new { bio = "stale token" }, beforeSignIn);
        await withStaleToken.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var antiforgery = await (await browser.GetAsync("/api/v1/auth/antiforgery")).ReadJsonAsync<AntiforgeryTokenResponse>();
        Assert.Equal("X-XSRF-TOKEN", antiforgery.HeaderName, ignoreCase: true);
        var withHeader = await Send(browser, HttpMethod.Patch, "/api/v1/me", new { bio = "with header" }, antiforgery);
        var me = await withHeader.ReadJsonAsync<MeResponse>();
        Assert.Equal("with header", me.Bio);

        var stored = await (await browser.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal("with header", stored.Bio);
    }

    [Fact]
    public async Task Logout_clears_the_cookie()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var browser = Browser();
        await (await browser.PostJsonAsync("/api/v1/auth/login?useCookies=true", new { email = account.Email, password = account.Password })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var antiforgery = await (await browser.GetAsync("/api/v1/auth/antiforgery")).ReadJsonAsync<AntiforgeryTokenResponse>();

        var logout = await Send(browser, HttpMethod.Post, "/api/v1/auth/logout", new { }, antiforgery);

        await logout.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_client_needs_no_antiforgery_header()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);

        var patch = await client.PatchJsonAsync("/api/v1/me", new { bio = "api client" });

        Assert.Equal("api client", (await patch.ReadJsonAsync<MeResponse>()).Bio);
    }

    private HttpClient Browser() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object body, AntiforgeryTokenResponse antiforgery)
    {
        var request = new HttpRequestMessage(method, url) { Content = System.Net.Http.Json.JsonContent.Create(body, options: TestJson.Options) };
        request.Headers.Add(antiforgery.HeaderName, antiforgery.Token);
        return client.SendAsync(request);
    }
}
