using System.Net;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Accounts;

/// <summary>Moves this class's clock forward, so it has a factory of its own.</summary>
public sealed class VerificationCodeExpiryTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task A_verification_code_works_at_14_minutes_and_is_expired_at_16()
    {
        var early = await factory.RegisterAsync();
        var earlyCode = await factory.Mail.WaitForCodeAsync(early.Email);
        var late = await factory.RegisterAsync();
        var lateCode = await factory.Mail.WaitForCodeAsync(late.Email);
        using var client = factory.CreateClient();

        factory.Clock.Advance(TimeSpan.FromMinutes(14));
        var inTime = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = early.Email, code = earlyCode });
        await inTime.ShouldHaveStatusAsync(HttpStatusCode.NoContent);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var expired = await client.PostJsonAsync("/api/v1/auth/verify-email", new { email = late.Email, code = lateCode });
        await expired.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var login = await client.PostJsonAsync("/api/v1/auth/login", new { email = late.Email, password = late.Password });
        await login.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:email-not-verified");
    }
}
