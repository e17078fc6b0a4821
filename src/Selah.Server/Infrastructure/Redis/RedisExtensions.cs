using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;
using StackExchange.Redis;

namespace Selah.Server.Infrastructure.Redis;

public static class RedisExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c>: one shared multiplexer, rate-limit counters, HybridCache's L2 and Data Protection keys in Redis, and a
    /// readiness check. Without it: in-memory counters and keys in the database (so cookies still work on every node sharing it).
    /// </summary>
    public static IHostApplicationBuilder AddSelahRedisAndKeys(this IHostApplicationBuilder builder)
    {
        var redis = builder.Configuration.GetConnectionString("Redis");
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Selah");
        if (string.IsNullOrWhiteSpace(redis))
        {
            builder.Services.AddSingleton<IRateLimitCounter, MemoryRateLimitCounter>();
            dataProtection.PersistKeysToDbContext<SelahDbContext>();
            return builder;
        }

        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false; // keep serving when Redis is down; reconnect in the background
        var multiplexer = ConnectionMultiplexer.Connect(options);
        builder.Services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        builder.Services.AddSingleton<IRateLimitCounter, RedisRateLimitCounter>();
        builder.Services.AddStackExchangeRedisCache(cache => // HybridCache's L2
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(multiplexer);
            cache.InstanceName = "selah:cache:";
        });
        dataProtection.PersistKeysToStackExchangeRedis(multiplexer, "selah:dataprotection-keys");
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return builder;
    }

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var latency = await redis.GetDatabase().PingAsync();
                return HealthCheckResult.Healthy($"ping {latency.TotalMilliseconds:0.0} ms");
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis is unreachable.", ex);
            }
        }
    }
}
