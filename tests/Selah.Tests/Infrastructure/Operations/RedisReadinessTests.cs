using System.Net;
using Selah.Tests.Testing;

namespace Selah.Tests.Infrastructure.Operations;

/// <summary>A fact that is skipped, saying why, when <c>SELAH_TEST_REDIS</c> is not set.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (TestEnvironment.Redis is null)
        {
            Skip = "SELAH_TEST_REDIS is not set (e.g. 127.0.0.1:56379); scripts/test.sh starts Redis and sets it.";
        }
    }
}

public sealed class RedisFactory : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings) =>
        settings["ConnectionStrings:Redis"] = TestEnvironment.Redis;
}

/// <summary>Redis configured but not reachable (nothing listens on port 1).</summary>
public sealed class UnreachableRedisFactory : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings) =>
        settings["ConnectionStrings:Redis"] = "127.0.0.1:1,abortConnect=false,connectTimeout=500";
}

public sealed class RedisReadinessTests(RedisFactory factory) : IClassFixture<RedisFactory>
{
    [RedisFact]
    public async Task With_Redis_configured_readiness_is_healthy_and_reports_redis()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health/ready");

        var body = await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains("redis", body, StringComparison.OrdinalIgnoreCase);
    }

    [RedisFact]
    public async Task With_Redis_configured_accounts_work_end_to_end()
    {
        var signedIn = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(signedIn.AccessToken);

        await (await client.GetAsync("/api/v1/me")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await factory.CreateClient().RefreshAsync(signedIn.RefreshToken)).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }
}

public sealed class UnreachableRedisTests(UnreachableRedisFactory factory) : IClassFixture<UnreachableRedisFactory>
{
    [Fact]
    public async Task With_Redis_down_the_node_is_live_but_not_ready_and_says_why()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync("/health/live")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");

        var body = await ready.ShouldHaveStatusAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("redis", body, StringComparison.OrdinalIgnoreCase);
    }
}
