using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Demo;

public static class DemoExtensions
{
    /// <summary>Demo content (<c>Selah:Demo:Enabled</c>); needs <c>AddMedia()</c> for the ingest pipeline.</summary>
    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDemoServices();
        return builder;
    }

    /// <summary>Registers the renderer and the seeder once (a second call changes nothing).</summary>
    public static IServiceCollection AddDemoServices(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(DemoSeeder)))
        {
            return services;
        }

        services.AddSingleton<HymnRenderer>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<IStartupSeeder>(sp => sp.GetRequiredService<DemoSeeder>());
        return services;
    }
}
