using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers <see cref="IFileStorage"/> for <c>Selah:Storage:Provider</c>: local disk (default) or S3. The settings are
    /// validated at start-up; an unknown provider or a missing bucket stops the server with a message naming the key.
    /// </summary>
    public static IServiceCollection AddSelahStorage(this IServiceCollection services)
    {
        services.AddSelahOptions<StorageOptions>(StorageOptions.Section);
        services.AddSingleton<LocalFileStorage>();
        services.AddSingleton<S3FileStorage>();
        services.AddSingleton<IFileStorage>(sp => sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.S3 => sp.GetRequiredService<S3FileStorage>(),
            _ => sp.GetRequiredService<LocalFileStorage>(),
        });
        return services;
    }
}
