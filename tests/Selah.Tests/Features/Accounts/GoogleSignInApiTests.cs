using System.Net;
using System.Security.Cryptography;
using Selah.Contracts.Accounts;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class GoogleSignInApiTests(GoogleSignInFactory factory) : IClassFixture<GoogleSignInFactory>
{
    [Fact]
    public async Task A_valid_Google_ID_token_creates_a_verified_account_and_returns_tokens()
    {
        var email = AccountSteps.NewEmail("google");
        var subject = Guid.NewGuid().ToString("N");
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/google", new { idToken = factory.CreateIdToken(email, subject) });

        var tokens = await response.ReadJsonAsync<LoginResponse>();
        Assert.Equal("Bearer", tokens.TokenType);
        using var authed = factory.CreateClient(tokens.AccessToken!);
        var me = await (await authed.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal(email, me.Email, ignoreCase: true);
        Assert.True(me.EmailVerified);

        var again = await (await client.PostJsonAsync("/api/v1/auth/google", new { idToken = factory.CreateIdToken(email, subject) })).ReadJsonAsync<LoginResponse>();
        using var againClient = factory.CreateClient(again.AccessToken!);
        var sameMe = await (await againClient.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal(me.Id, sameMe.Id);
    }

    [Fact]
    public async Task A_Google_sign_in_with_the_verified_email_of_an_existing_account_links_to_it()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();

        var tokens = await (await client.PostJsonAsync("/api/v1/auth/google", new { idToken = factory.CreateIdToken(account.Email) })).ReadJsonAsync<LoginResponse>();

        using var authed = factory.CreateClient(tokens.AccessToken!);
        var me = await (await authed.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal(account.UserId, me.Id);
    }

    [Fact]
    public async Task An_unverified_Google_email_does_not_take_over_the_account_with_that_address()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/google", new { idToken = factory.CreateIdToken(account.Email, emailVerified: false) });

        if (response.StatusCode == HttpStatusCode.OK)
        {
            var tokens = await response.ReadJsonAsync<LoginResponse>();
            using var authed = factory.CreateClient(tokens.AccessToken!);
            var me = await (await authed.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
            Assert.NotEqual(account.UserId, me.Id);
        }
        else
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("expired")]
    [InlineData("wrong-key")]
    public async Task An_ID_token_that_fails_validation_is_401_and_creates_no_account(string fault)
    {
        var email = AccountSteps.NewEmail("google-bad");
        using var otherKey = RSA.Create(2048);
        var idToken = fault switch
        {
            "wrong-audience" => factory.CreateIdToken(email, audience: "someone-elses-client"),
            "wrong-issuer" => factory.CreateIdToken(email, issuer: "https://accounts.example.com"),
            "expired" => factory.CreateIdToken(email, expiresIn: TimeSpan.FromMinutes(-30)),
            "wrong-key" => factory.CreateIdToken(email, signWith: otherKey),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/google", new { idToken });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var admin = await factory.CreateAdminClientAsync();
        var found = await (await admin.GetAsync($"/api/v1/admin/users?q={Uri.EscapeDataString(email)}")).ReadJsonAsync<Selah.Contracts.Admin.Page<Selah.Contracts.Admin.AdminUserResponse>>();
        Assert.Empty(found.Items);
    }

    [Fact]
    public async Task Garbage_instead_of_a_token_is_401()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/google", new { idToken = "not.a.jwt" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
