using System.Net;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class PasswordResetApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Forgot_password_answers_an_unknown_address_exactly_like_a_known_one_and_mails_only_the_known()
    {
        var account = await factory.RegisterVerifiedAsync();
        var unknown = AccountSteps.NewEmail("nobody");
        using var client = factory.CreateClient();

        var forUnknown = await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = unknown });
        var forKnown = await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = account.Email });

        var unknownBody = await forUnknown.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var knownBody = await forKnown.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal(knownBody, unknownBody);
        Assert.Equal(forKnown.Content.Headers.ContentType?.MediaType, forUnknown.Content.Headers.ContentType?.MediaType);
        var resetMail = await factory.Mail.WaitForCodeAsync(account.Email, index: 1);
        Assert.Matches("^[0-9]{6}$", resetMail);
        Assert.Empty(factory.Mail.MessagesTo(unknown));
    }

    [Fact]
    public async Task Reset_sets_the_new_password_signs_out_everywhere_and_the_code_is_single_use()
    {
        var account = await factory.RegisterVerifiedAsync();
        var before = await factory.SignInAsync(account);
        using var client = factory.CreateClient();
        await (await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = account.Email })).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var code = await factory.Mail.WaitForCodeAsync(account.Email, index: 1);
        var newPassword = AccountSteps.NewPassword();

        var reset = await client.PostJsonAsync("/api/v1/auth/reset-password", new { email = account.Email, code, newPassword });
        await reset.ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var again = await client.PostJsonAsync("/api/v1/auth/reset-password", new { email = account.Email, code, newPassword = AccountSteps.NewPassword() });
        await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        await (await client.RefreshAsync(before.RefreshToken)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "urn:selah:problem:invalid-token");
        var oldPassword = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await oldPassword.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "urn:selah:problem:invalid-credentials");
        var login = await factory.LoginAsync(account.Email, newPassword);
        Assert.False(string.IsNullOrEmpty(login.AccessToken));
    }

    [Fact]
    public async Task A_wrong_reset_code_is_400_and_leaves_the_password_unchanged()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();
        await (await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = account.Email })).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var code = await factory.Mail.WaitForCodeAsync(account.Email, index: 1);

        var wrong = await client.PostJsonAsync(
            "/api/v1/auth/reset-password",
            new { email = account.Email, code = RegistrationApiTests.OtherCode(code), newPassword = AccountSteps.NewPassword() });

        await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await factory.LoginAsync(account.Email, account.Password);
    }

    [Fact]
    public async Task A_common_password_is_rejected_by_reset_naming_newPassword()
    {
        var account = await factory.RegisterVerifiedAsync();
        using var client = factory.CreateClient();
        await (await client.PostJsonAsync("/api/v1/auth/forgot-password", new { email = account.Email })).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var code = await factory.Mail.WaitForCodeAsync(account.Email, index: 1);

        var reset = await client.PostJsonAsync("/api/v1/auth/reset-password", new { email = account.Email, code, newPassword = "password123" });

        await reset.ShouldBeValidationProblemAsync("newPassword");
    }
}
