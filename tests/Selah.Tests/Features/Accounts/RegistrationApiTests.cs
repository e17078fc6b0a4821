using System.Net;
using Selah.Contracts.Accounts;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

public sealed class RegistrationApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    private const string NotVerified = "urn:selah:problem:email-not-verified";

    [Fact]
    public async Task Register_returns_201_and_emails_a_six_digit_code_that_verifies_the_address()
    {
        using var client = factory.CreateClient();
        var email = AccountSteps.NewEmail("register");
        var password = AccountSteps.NewPassword();

        var response = await client.PostJsonAsync("/api/v1/auth/register", new { email, password, displayName = "Miriam" });

        var registered = await response.ReadJsonAsync<RegisterResponse>(HttpStatusCode.Created);
        Assert.NotEqual(Guid.Empty, registered.UserId);
        Assert.Equal(email, registered.Email, ignoreCase: true);
        Assert.True(registered.VerificationRequired);

        var code = await factory.Mail.WaitForCodeAsync(email);
        Assert.Matches("^[0-9]{6}$", code);
        var verify = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email, code });
        await verify.ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        var login = await factory.LoginAsync(email, password);
        using var authed = factory.CreateClient(login.AccessToken!);
        var me = await (await authed.GetAsync("/api/v1/me")).ReadJsonAsync<MeResponse>();
        Assert.Equal(registered.UserId, me.Id);
        Assert.True(me.EmailVerified);
        Assert.Equal("Miriam", me.DisplayName);
    }

    [Fact]
    public async Task Registering_an_address_that_has_an_account_is_409_whatever_its_case()
    {
        var existing = await factory.RegisterAsync();
        using var client = factory.CreateClient();

        var same = await client.PostJsonAsync("/api/v1/auth/register", new { email = existing.Email, password = AccountSteps.NewPassword(), displayName = "Twin" });
        await same.ShouldBeProblemAsync(HttpStatusCode.Conflict, "urn:selah:problem:email-taken");

        var upper = await client.PostJsonAsync("/api/v1/auth/register", new { email = existing.Email.ToUpperInvariant(), password = AccountSteps.NewPassword(), displayName = "Twin" });
        await upper.ShouldBeProblemAsync(HttpStatusCode.Conflict, "urn:selah:problem:email-taken");
    }

    [Fact]
    public async Task A_wrong_code_is_400_and_the_right_code_still_works_afterwards()
    {
        var account = await factory.RegisterAsync();
        var code = await factory.Mail.WaitForCodeAsync(account.Email);
        using var client = factory.CreateClient();

        var wrong = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = account.Email, code = OtherCode(code) });
        await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var right = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = account.Email, code });
        await right.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task After_five_wrong_attempts_the_code_is_dead_even_when_right()
    {
        var account = await factory.RegisterAsync();
        var code = await factory.Mail.WaitForCodeAsync(account.Email);
        using var client = factory.CreateClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = account.Email, code = OtherCode(code, attempt) });
            await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        var right = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = account.Email, code });
        await right.ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });
        await login.ShouldBeProblemAsync(HttpStatusCode.Forbidden, NotVerified);
    }

    [Fact]
    public async Task Signing_in_before_verifying_is_403_email_not_verified()
    {
        var account = await factory.RegisterAsync();
        using var client = factory.CreateClient();

        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email = account.Email, password = account.Password });

        await login.ShouldBeProblemAsync(HttpStatusCode.Forbidden, NotVerified);
    }

    [Fact]
    public async Task Resend_sends_a_new_code_that_works_and_the_old_one_stops_working()
    {
        var account = await factory.RegisterAsync();
        var oldCode = await factory.Mail.WaitForCodeAsync(account.Email);
        using var client = factory.CreateClient();

        var resend = await client.PostJsonAsync("/api/v1/auth/resend-verification", new { email = account.Email });
        await resend.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var newCode = await factory.Mail.WaitForCodeAsync(account.Email, index: 1);

        if (newCode != oldCode)
        {
            var old = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = account.Email, code = oldCode });
            await old.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        }

        var fresh = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = account.Email, code = newCode });
        await fresh.ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await factory.LoginAsync(account.Email, account.Password);
    }

    [Fact]
    public async Task Resend_answers_the_same_for_an_unknown_address_and_sends_nothing()
    {
        var account = await factory.RegisterAsync();
        await factory.Mail.WaitForCodeAsync(account.Email);
        var unknown = AccountSteps.NewEmail("nobody");
        using var client = factory.CreateClient();

        var forUnknown = await client.PostJsonAsync("/api/v1/auth/resend-verification", new { email = unknown });
        var forKnown = await client.PostJsonAsync("/api/v1/auth/resend-verification", new { email = account.Email });

        var unknownBody = await forUnknown.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var knownBody = await forKnown.ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal(knownBody, unknownBody);
        await factory.Mail.WaitForCodeAsync(account.Email, index: 1);
        Assert.Empty(factory.Mail.MessagesTo(unknown));
    }

    /// <summary>A 6-digit code guaranteed to differ from <paramref name="code"/>.</summary>
    internal static string OtherCode(string code, int delta = 1) => ((int.Parse(code) + delta) % 1_000_000).ToString("D6");
}
