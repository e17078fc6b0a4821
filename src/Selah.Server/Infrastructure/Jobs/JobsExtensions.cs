using Microsoft.Data.Sqlite;
using Npgsql;
using Quartz;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Quartz.NET with the ADO.NET job store in Selah's own database (tables <c>QRTZ_*</c>, created by an EF Core migration):
    /// SQLite in embedded mode; PostgreSQL with clustering, so every node shares the schedule and a dead node's jobs are
    /// recovered by another. <c>threads</c> is how many jobs one node runs at once.
    /// </summary>
    public static IHostApplicationBuilder AddSelahJobs(this IHostApplicationBuilder builder, int threads)
    {
        var database = builder.Configuration.ReadSection<DatabaseOptions>(DatabaseOptions.Section);
        var selah = builder.Configuration.ReadSection<SelahOptions>(SelahOptions.Section);
        var connectionString = builder.Configuration.GetConnectionString("Selah");
        builder.Services.AddQuartz(quartz =>
        {
            quartz.UseDefaultThreadPool(Math.Max(1, threads));
            quartz.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(o => o.SchemaProvisioning = SchemaProvisioning.Validate);
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(NpgsqlFactory.Instance, connectionString!);
                    store.UseClustering(_ => { });
                }
                else
                {
                    store.UseSqlite(SqliteFactory.Instance,
                        connectionString ?? $"Data Source={Path.Combine(selah.FullDataDirectory, "selah.db")}");
                }
            });
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        return builder;
    }
}
