using Npgsql;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Infrastructure.Caching;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Data;

public static class DataExtensions
{
    /// <summary>Registers <see cref="SelahDbContext"/> (scoped) and a factory for singletons and jobs, on the configured provider.</summary>
    public static IHostApplicationBuilder AddSelahData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSelahOptions<DatabaseOptions>(DatabaseOptions.Section);
        var database = builder.Configuration.ReadSection<DatabaseOptions>(DatabaseOptions.Section);
        var selah = builder.Configuration.ReadSection<SelahOptions>(SelahOptions.Section);
        var connectionString = builder.Configuration.GetConnectionString("Selah");

        builder.Services.AddSingleton<CacheTagInvalidator>();
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString ??= $"Data Source={Path.Combine(selah.FullDataDirectory, "selah.db")}";
                builder.Services.AddPooledDbContextFactory<SqliteSelahDbContext>((sp, o) => o.UseSqlite(connectionString, s => s.CommandTimeout(30))
                    .AddInterceptors(sp.GetRequiredService<CacheTagInvalidator>()));
                builder.Services.AddSingleton<IDbContextFactory<SelahDbContext>, ContextFactory<SqliteSelahDbContext>>();
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "ConnectionStrings:Selah is required when Selah:Database:Provider is Postgres (e.g. ConnectionStrings__Selah=\"Host=…;Database=selah;Username=…;Password=…\").");
                }

                connectionString = WithAutoPrepare(connectionString);
                builder.Services.AddPooledDbContextFactory<PostgresSelahDbContext>((sp, o) => o.UseNpgsql(connectionString)
                    .AddInterceptors(sp.GetRequiredService<CacheTagInvalidator>()));
                builder.Services.AddSingleton<IDbContextFactory<SelahDbContext>, ContextFactory<PostgresSelahDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Selah:Database:Provider must be Sqlite or Postgres (was '{database.Provider}').");
        }

        builder.Services.AddScoped<SelahDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SelahDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddDbContextCheck<SelahDbContext>("database", tags: ["ready"]);
        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// Npgsql prepares a statement once it has run a few times on a connection (unless the connection string says
    /// otherwise): planning the search and catalogue queries cost as much as running them (3–10 ms at 100k tracks).
    /// </summary>
    private static string WithAutoPrepare(string connectionString)
    {
        if (connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64 }.ConnectionString;
    }

    private sealed class ContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<SelahDbContext>
        where TContext : SelahDbContext
    {
        public SelahDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
