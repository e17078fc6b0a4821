using System.Net;
using Selah.Tests.Testing;

namespace Selah.Tests.Infrastructure.RateLimiting;

/// <summary>Low limits: <c>register</c> 3 per IP, <c>login</c> 2 per account; windows long enough not to roll over mid-test.</summary>
public sealed class LowRateLimitFactory : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:RateLimits:Policies:register:PerIp"] = "3";
        settings["Selah:RateLimits:Policies:register:WindowSeconds"] = "3600";
        settings["Selah:RateLimits:Policies:login:PerAccount"] = "2";
        settings["Selah:RateLimits:Policies:login:WindowSeconds"] = "3600";
    }
}

public sealed class RateLimitTests(LowRateLimitFactory factory) : IClassFixture<LowRateLimitFactory>
{
    private const string RateLimited = "urn:selah:problem:rate-limited";

    // The only test of this class that registers: it owns the per-IP register budget.
    [Fact]
    public async Task The_fourth_registration_from_one_IP_is_429_with_Retry_After()
    {
        using var client = factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var ok = await client.PostJsonAsync("/api/v1/auth/register", new { email = AccountSteps.NewEmail("rl"), password = AccountSteps.NewPassword(), displayName = "Limited" });
            await ok.ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var email = AccountSteps.NewEmail("rl-4th");
        var fourth = await client.PostJsonAsync("/api/v1/auth/register", new { email, password = AccountSteps.NewPassword(), displayName = "Limited" });

        await fourth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, RateLimited);
        var seconds = fourth.ShouldHaveRetryAfter();
        Assert.InRange(seconds, 1, 3600);
        Assert.Empty(factory.Mail.MessagesTo(email));
    }

    [Fact]
    public async Task Login_is_limited_per_account_not_for_everyone()
    {
        using var client = factory.CreateClient();
        var target = AccountSteps.NewEmail("rl-login");

        for (var i = 0; i < 2; i++)
        {
            var failed = await client.PostJsonAsync("/api/v1/auth/login", new { email = target, password = $"Guess-number-{i}" });
            await failed.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "urn:selah:problem:invalid-credentials");
        }

        var third = await client.PostJsonAsync("/api/v1/auth/login", new { email = target, password = "Guess-number-3" });
        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, RateLimited);
        third.ShouldHaveRetryAfter();

        var sameAccountOtherCase = await client.PostJsonAsync("/api/v1/auth/login", new { email = target.ToUpperInvariant(), password = "Guess-number-4" });
        await sameAccountOtherCase.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, RateLimited);

        var otherAccount = await client.PostJsonAsync("/api/v1/auth/login", new { email = AccountSteps.NewEmail("rl-other"), password = "Guess-number-5" });
        await otherAccount.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "urn:selah:problem:invalid-credentials");
    }
}
