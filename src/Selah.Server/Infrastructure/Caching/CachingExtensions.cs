using Microsoft.Extensions.Caching.Hybrid;

namespace Selah.Server.Infrastructure.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// HybridCache: in-process L1 everywhere, Redis as L2 when <c>ConnectionStrings:Redis</c> is set (registered by the
    /// Redis module as the <c>IDistributedCache</c>). Entities marked <see cref="ICacheTagged"/> invalidate their tags
    /// whenever they are saved, through <see cref="CacheTagInvalidator"/>.
    /// </summary>
    public static IServiceCollection AddSelahCaching(this IServiceCollection services)
    {
        services.AddHybridCache(options =>
        {
            options.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = TimeSpan.FromMinutes(5),
                LocalCacheExpiration = TimeSpan.FromMinutes(1),
            };
        });
        return services;
    }
}
