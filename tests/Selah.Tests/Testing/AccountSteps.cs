using System.Net;
using System.Net.Http.Headers;
using Selah.Contracts.Accounts;

namespace Selah.Tests.Testing;

/// <summary>An account a test registered: what it knows about it.</summary>
public sealed record TestAccount(string Email, string Password, string DisplayName, Guid UserId);

/// <summary>A signed-in account: its token pair.</summary>
public sealed record SignedInAccount(TestAccount Account, string AccessToken, string RefreshToken)
{
    public Guid UserId => Account.UserId;
    public string Email => Account.Email;
    public string Password => Account.Password;
}

/// <summary>The usual arrange steps through the public API: register, verify with the emailed code, sign in.</summary>
public static class AccountSteps
{
    public static string NewEmail(string purpose = "user") => $"{purpose}-{Guid.NewGuid():N}@selah-tests.example.com";

    public static string NewPassword() => $"Psalm-{Guid.NewGuid():N}"[..22];

    public static HttpClient CreateClient(this SelahFactory factory, string accessToken)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static async Task<TestAccount> RegisterAsync(this SelahFactory factory, string? displayName = null, string? email = null)
    {
        email ??= NewEmail();
        var password = NewPassword();
        displayName ??= "Test Listener";
        using var client = factory.CreateClient();
        var response = await client.PostJsonAsync("/api/v1/auth/register", new { email, password, displayName });
        var registered = await response.ReadJsonAsync<RegisterResponse>(HttpStatusCode.Created);
        return new TestAccount(email, password, displayName, registered.UserId);
    }

    /// <summary>Verifies with the <paramref name="mailIndex"/>-th message to the address (0 = the registration mail).</summary>
    public static async Task VerifyAsync(this SelahFactory factory, TestAccount account, int mailIndex = 0)
    {
        var code = await factory.Mail.WaitForCodeAsync(account.Email, mailIndex);
        using var client = factory.CreateClient();
        var response = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = account.Email, code });
        await response.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }

    public static async Task<TestAccount> RegisterVerifiedAsync(this SelahFactory factory, string? displayName = null)
    {
        var account = await factory.RegisterAsync(displayName);
        await factory.VerifyAsync(account);
        return account;
    }

    public static async Task<LoginResponse> LoginAsync(this SelahFactory factory, string email, string password)
    {
        using var client = factory.CreateClient();
        var response = await client.PostJsonAsync("/api/v1/auth/login", new { email, password });
        var login = await response.ReadJsonAsync<LoginResponse>();
        Assert.False(string.IsNullOrEmpty(login.AccessToken), "login returned no access token");
        Assert.False(string.IsNullOrEmpty(login.RefreshToken), "login returned no refresh token");
        return login;
    }

    public static async Task<SignedInAccount> SignInAsync(this SelahFactory factory, TestAccount account)
    {
        var login = await factory.LoginAsync(account.Email, account.Password);
        return new SignedInAccount(account, login.AccessToken!, login.RefreshToken!);
    }

    public static async Task<SignedInAccount> SignInNewUserAsync(this SelahFactory factory, string? displayName = null) =>
        await factory.SignInAsync(await factory.RegisterVerifiedAsync(displayName));

    public static async Task<HttpClient> CreateAdminClientAsync(this SelahFactory factory)
    {
        var login = await factory.LoginAsync(SelahFactory.AdminEmail, SelahFactory.AdminPassword);
        return factory.CreateClient(login.AccessToken!);
    }

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostJsonAsync("/api/v1/auth/refresh", new { refreshToken });
}
