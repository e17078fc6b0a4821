using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Server.Infrastructure.Data;

/// <summary>
/// Applies migrations before the server accepts requests (when <c>Selah:Database:AutoMigrate</c> is on) and then runs every
/// registered <see cref="IStartupSeeder"/> in order. Hosted services start before Kestrel, so requests never see an old schema.
/// </summary>
internal sealed class DatabaseInitializer(
    IDbContextFactory<SelahDbContext> contexts,
    IOptions<DatabaseOptions> database,
    IOptions<SelahOptions> selah,
    IServiceProvider services,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(selah.Value.FullDataDirectory);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                // Write-ahead logging lets readers run while a writer commits; the setting is kept in the database file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }

        if (database.Value.AutoMigrate)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s) on {Provider}", pending.Count, database.Value.Provider);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        await using var scope = services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Idempotent start-up data (roles, the bootstrap admin, demo content). Lower <see cref="Order"/> runs first.</summary>
public interface IStartupSeeder
{
    int Order { get; }
    Task SeedAsync(CancellationToken cancellationToken);
}
