using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Features.Media.Import;

public static class ImportExtensions
{
    /// <summary>Admin bulk import: options (<c>Selah:Import</c>), the runner and resumption of interrupted imports. Call after AddMedia.</summary>
    public static IHostApplicationBuilder AddImport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSelahOptions<ImportOptions>(ImportOptions.Section);
        builder.Services.AddSingleton<ImportRunner>();
        builder.Services.AddHostedService<ImportRecovery>(); // after the scheduler (AddMedia): it schedules jobs
        return builder;
    }
}
