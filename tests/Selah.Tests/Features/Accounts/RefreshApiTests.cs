using System.Net;
using Selah.Contracts.Accounts;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class RefreshApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    private const string InvalidToken = "urn:selah:problem:invalid-token";

    [Fact]
    public async Task Refresh_rotates_to_a_new_pair_whose_access_token_works()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient();

        var rotated = await (await client.RefreshAsync(signedIn.RefreshToken)).ReadJsonAsync<LoginResponse>();

        Assert.Equal("Bearer", rotated.TokenType);
        Assert.False(string.IsNullOrEmpty(rotated.AccessToken));
        Assert.False(string.IsNullOrEmpty(rotated.RefreshToken));
        Assert.NotEqual(signedIn.RefreshToken, rotated.RefreshToken);
        using var authed = factory.CreateClient(rotated.AccessToken!);
        var me = await (await authed.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal(signedIn.UserId, me.Id);

        var next = await (await client.RefreshAsync(rotated.RefreshToken!)).ReadJsonAsync<LoginResponse>();
        Assert.NotEqual(rotated.RefreshToken, next.RefreshToken);
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_revokes_its_family_but_not_other_sign_ins()
    {
        var account = await factory.RegisterVerifiedAsync();
        var first = await factory.SignInAsync(account);
        var otherDevice = await factory.SignInAsync(account);
        using var client = factory.CreateClient();
        var rotated = await (await client.RefreshAsync(first.RefreshToken)).ReadJsonAsync<LoginResponse>();

        var reuse = await client.RefreshAsync(first.RefreshToken);
        await reuse.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidToken);

        var newerOfSameFamily = await client.RefreshAsync(rotated.RefreshToken!);
        await newerOfSameFamily.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidToken);

        var otherFamily = await client.RefreshAsync(otherDevice.RefreshToken);
        await otherFamily.ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_revokes_the_family()
    {
        var account = await factory.RegisterVerifiedAsync();
        var signedIn = await factory.SignInAsync(account);
        var otherDevice = await factory.SignInAsync(account);
        using var client = factory.CreateClient();
        var rotated = await (await client.RefreshAsync(signedIn.RefreshToken)).ReadJsonAsync<LoginResponse>();

        var logout = await client.PostJsonAsync("/api/v1/auth/logout", new { refreshToken = rotated.RefreshToken });
        await logout.ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        await (await client.RefreshAsync(rotated.RefreshToken!)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidToken);
        await (await client.RefreshAsync(otherDevice.RefreshToken)).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_refresh_token_is_401_invalid_token()
    {
        using var client = factory.CreateClient();

        var response = await client.RefreshAsync("this-token-was-never-issued-" + Guid.NewGuid().ToString("N"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidToken);
    }

    [Fact]
    public async Task A_refresh_token_expires_after_30_days()
    {
        // Moving the clock 30 days would disturb the other tests of this class, so this one has a server of its own.
        await using var isolated = new SelahFactory();
        var signedIn = await isolated.SignInNewUserAsync();
        using var client = isolated.CreateClient();

        isolated.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        var response = await client.RefreshAsync(signedIn.RefreshToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, InvalidToken);
    }
}
