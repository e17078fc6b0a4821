using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Selah.Contracts.Accounts;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class LoginApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    private const string InvalidCredentials = "urn:selah:problem:invalid-credentials";

    [Fact]
    public async Task Login_returns_a_bearer_token_pair_that_opens_me()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });

        var login = await response.ReadJsonAsync<LoginResponse>();
        Assert.Equal("Bearer", login.TokenType);
        Assert.NotNull(login.ExpiresIn);
        Assert.InRange(login.ExpiresIn.Value, 1, 15 * 60);
        Assert.False(string.IsNullOrEmpty(login.RefreshToken));
        Assert.False(login.RequiresTwoFactor);
        Assert.Null(login.TwoFactorToken);

        using var authed = factory.CreateClient(login.AccessToken!);
        var me = await (await authed.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal(account.UserId, me.Id);
        Assert.Equal(account.Email, me.Email, ignoreCase: true);
    }

    [Fact]
    public async Task Access_tokens_are_HS256_and_expire_after_15_minutes()
    {
        var signedIn = await factory.SignInNewUserAsync();

        var jwt = new JsonWebToken(signedIn.AccessToken);

        Assert.Equal("HS256", jwt.Alg);
        Assert.InRange((jwt.ValidTo - jwt.IssuedAt).TotalMinutes, 14.9, 15.1);
    }

    [Fact]
    public async Task Email_is_matched_case_insensitively_at_login()
    {
        var account = await factory.RegisterVerifiedAsync();

        var login = await factory.LoginAsync(account.Email.ToUpperInvariant(), account.Password);

        Assert.False(string.IsNullOrEmpty(login.AccessToken));
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_get_the_identical_401()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();

        var wrongPassword = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = "Not-The-Password-1" });
        var unknownEmail = await client.PostJsonAsync("/api/v1/auth/login", new { email = AccountSteps.NewEmail("ghost"), password = "Not-The-Password-1" });

        var a = await wrongPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidCredentials);
        var b = await unknownEmail.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidCredentials);
        Assert.Equal(a.Member("type"), b.Member("type"));
        Assert.Equal(a.Member("title"), b.Member("title"));
        Assert.Equal(a.Member("detail"), b.Member("detail"));
        Assert.Equal(
            string.Join(",", a.EnumerateObject().Select(p => p.Name).Order()),
            string.Join(",", b.EnumerateObject().Select(p => p.Name).Order()));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_with_429_and_Retry_After_even_for_the_right_password()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var failed = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = $"Wrong-Password-{attempt}" });
            if (attempt < 5)
            {
                await failed.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidCredentials);
            }
            else
            {
                Assert.True(failed.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"5th failure: {(int)failed.StatusCode}");
            }
        }

        var right = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });

        await right.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "urn:selah:problem:account-locked");
        var seconds = right.ShouldHaveRetryAfter();
        Assert.InRange(seconds, 1, 15 * 60);
    }

    [Fact]
    public async Task Another_account_is_not_locked_by_someone_elses_failures()
    {
        var victim = await factory.RegisterVerifiedAsync();
        var bystander = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await client.PostJsonAsync("/api/v1/auth/login", new { email = victim.Email, password = $"Wrong-Password-{attempt}" });
        }

        var login = await factory.LoginAsync(bystander.Email, bystander.Password);
        Assert.False(string.IsNullOrEmpty(login.AccessToken));
    }
}
