using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Selah.Server.Infrastructure.Web;

/// <summary><c>Selah:RateLimits:Policies:&lt;name&gt;</c>: fixed-window limits per client IP and per account.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Selah:RateLimits";

    public Dictionary<string, RateLimitPolicy> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["register"] = new() { PerIp = 20, PerAccount = 5, WindowSeconds = 3600 },
        ["login"] = new() { PerIp = 60, PerAccount = 15, WindowSeconds = 300 },
        ["twofactor"] = new() { PerIp = 60, PerAccount = 10, WindowSeconds = 300 },
        ["verify"] = new() { PerIp = 30, PerAccount = 10, WindowSeconds = 900 },
        ["resend"] = new() { PerIp = 10, PerAccount = 3, WindowSeconds = 900 },
        ["forgot"] = new() { PerIp = 10, PerAccount = 3, WindowSeconds = 3600 },
        ["refresh"] = new() { PerIp = 120, PerAccount = 60, WindowSeconds = 60 },
        ["uploads"] = new() { PerIp = 120, PerAccount = 0, WindowSeconds = 3600 },
        ["plays"] = new() { PerIp = 600, PerAccount = 240, WindowSeconds = 60 },
        ["community-posts"] = new() { PerIp = 120, PerAccount = 10, WindowSeconds = 600 },
        ["community-comments"] = new() { PerIp = 300, PerAccount = 30, WindowSeconds = 300 },
        ["community-chat"] = new() { PerIp = 600, PerAccount = 60, WindowSeconds = 60 },
    };
}

public sealed class RateLimitPolicy
{
    public int PerIp { get; set; }
    public int PerAccount { get; set; }
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>Counts hits in fixed windows. In memory on one node; in Redis when configured, so every node shares the count.</summary>
public interface IRateLimitCounter
{
    /// <returns>The count in the current window including this hit, and the time until the window resets.</returns>
    ValueTask<(long Count, TimeSpan ResetIn)> HitAsync(string key, TimeSpan window);
}

internal sealed class MemoryRateLimitCounter(TimeProvider clock) : IRateLimitCounter
{
    private readonly ConcurrentDictionary<string, Window> _windows = new();
    private long _lastSweepTicks;

    public ValueTask<(long Count, TimeSpan ResetIn)> HitAsync(string key, TimeSpan window)
    {
        var now = clock.GetUtcNow();
        Sweep(now);
        var current = _windows.AddOrUpdate(
            key,
            _ => new Window(now + window, 1),
            (_, w) => w.ResetAt <= now ? new Window(now + window, 1) : w with { Count = w.Count + 1 });
        return ValueTask.FromResult((current.Count, current.ResetAt - now));
    }

    private void Sweep(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref _lastSweepTicks);
        if (now.UtcTicks - last < TimeSpan.TicksPerMinute || Interlocked.CompareExchange(ref _lastSweepTicks, now.UtcTicks, last) != last)
        {
            return;
        }

        foreach (var (key, window) in _windows)
        {
            if (window.ResetAt <= now)
            {
                _windows.TryRemove(new KeyValuePair<string, Window>(key, window));
            }
        }
    }

    private sealed record Window(DateTimeOffset ResetAt, long Count);
}

/// <summary>
/// Counts in Redis so every node shares the count. While Redis is unreachable, counts fall back to this node's memory:
/// limits stay enforced (per node) and the API keeps answering instead of failing with the backplane.
/// </summary>
internal sealed class RedisRateLimitCounter(IConnectionMultiplexer redis, TimeProvider clock, ILogger<RedisRateLimitCounter> logger) : IRateLimitCounter
{
    // INCR and set the expiry on the first hit atomically; return the count and the remaining lifetime.
    private const string Script = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return { n, redis.call('PTTL', KEYS[1]) }
        """;

    private readonly MemoryRateLimitCounter _fallback = new(clock);
    private long _lastWarningTicks;

    public async ValueTask<(long Count, TimeSpan ResetIn)> HitAsync(string key, TimeSpan window)
    {
        if (!redis.IsConnected)
        {
            return await FallbackAsync(key, window, null);
        }

        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
                Script, [new RedisKey("selah:rl:" + key)], [(long)window.TotalMilliseconds]))!;
            var ttl = (long)result[1];
            return ((long)result[0], TimeSpan.FromMilliseconds(ttl > 0 ? ttl : window.TotalMilliseconds));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return await FallbackAsync(key, window, ex);
        }
    }

    private ValueTask<(long Count, TimeSpan ResetIn)> FallbackAsync(string key, TimeSpan window, Exception? error)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastWarningTicks);
        if (now - last > TimeSpan.TicksPerMinute && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            logger.LogWarning(error, "Redis is unreachable: rate limits are counted on this node until it returns.");
        }

        return _fallback.HitAsync(key, window);
    }
}

/// <summary>
/// Applies a named policy per client IP and, when a bound argument names an account, per account.
/// Runs after model binding so the account key comes from the parsed body. Over the limit → 429 problem with Retry-After.
/// </summary>
public sealed class RateLimitFilter(string policyName, Func<IList<object?>, string?>? accountKey) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitOptions>>().CurrentValue;
        if (!options.Policies.TryGetValue(policyName, out var policy))
        {
            return await next(context);
        }

        var counter = http.RequestServices.GetRequiredService<IRateLimitCounter>();
        var window = TimeSpan.FromSeconds(Math.Max(1, policy.WindowSeconds));
        var ip = http.Connection.RemoteIpAddress?.ToString() ?? "local";

        if (policy.PerIp > 0)
        {
            var (count, reset) = await counter.HitAsync($"{policyName}:ip:{ip}", window);
            if (count > policy.PerIp)
            {
                return TooMany(http, reset);
            }
        }

        var account = accountKey?.Invoke(context.Arguments);
        if (policy.PerAccount > 0 && !string.IsNullOrWhiteSpace(account))
        {
            var (count, reset) = await counter.HitAsync($"{policyName}:acct:{account.Trim().ToUpperInvariant()}", window);
            if (count > policy.PerAccount)
            {
                return TooMany(http, reset);
            }
        }

        return await next(context);
    }

    private static IResult TooMany(HttpContext http, TimeSpan resetIn)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(resetIn.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString();
        return Problems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", $"Try again in {seconds} seconds.");
    }
}

public static class RateLimitExtensions
{
    /// <summary>Limits per client IP under <paramref name="policyName"/>.</summary>
    public static TBuilder RateLimited<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new RateLimitFilter(policyName, null));

    /// <summary>Limits per client IP and per account, the account named by the bound <typeparamref name="TRequest"/>.</summary>
    public static RouteHandlerBuilder RateLimited<TRequest>(this RouteHandlerBuilder builder, string policyName, Func<TRequest, string?> account) =>
        builder.AddEndpointFilter(new RateLimitFilter(policyName, args => args.OfType<TRequest>().Select(account).FirstOrDefault()));
}
