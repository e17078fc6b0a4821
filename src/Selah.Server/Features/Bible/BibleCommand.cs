using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Bible;

/// <summary>
/// <c>dotnet Selah.Server.dll bible import [kjv web sparv] [--force]</c>: migrates the database (when auto-migrate is on)
/// and imports the named translations (default: <c>Selah:Bible:Translations</c>, else all), printing a line per
/// translation with its verse count and time. Exit code 1 when an import failed; a missing module is a warning (exit 0),
/// so the run script carries on.
/// </summary>
public static class BibleCommand
{
    /// <returns>True when the arguments were a Bible command (it has run and the process should exit).</returns>
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        if (args.Length < 2 || args[0] != "bible")
        {
            return false;
        }

        if (args[1] != "import")
        {
            Console.Error.WriteLine("usage: Selah.Server bible import [kjv web sparv] [--force]");
            Environment.ExitCode = 2;
            return true;
        }

        var force = args.Contains("--force");
        var services = app.Services;
        var selah = services.GetRequiredService<IOptions<SelahOptions>>().Value;
        Directory.CreateDirectory(selah.FullDataDirectory);
        var contexts = services.GetRequiredService<IDbContextFactory<SelahDbContext>>();
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.AutoMigrate)
        {
            await using var db = await contexts.CreateDbContextAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            await db.Database.MigrateAsync();
        }

        var ids = args.Skip(2).Where(a => !a.StartsWith('-')).Select(a => a.ToLowerInvariant()).ToList();
        if (ids.Count == 0)
        {
            ids = [.. services.GetRequiredService<BibleSeeder>().Configured()];
        }

        if (ids.Count == 0)
        {
            ids = [.. SwordTranslations.All.Select(t => t.Id)];
        }

        var importer = services.GetRequiredService<BibleImporter>();
        var failed = false;
        foreach (var id in ids)
        {
            var result = await importer.ImportAsync(id, force, CancellationToken.None);
            var line = result.Outcome switch
            {
                BibleImportOutcome.Imported => $"bible: imported {result.Translation}: {result.Verses} verses in {result.Elapsed.TotalSeconds:F1} s",
                BibleImportOutcome.AlreadyPresent => $"bible: {result.Translation} already imported ({result.Verses} verses)",
                BibleImportOutcome.Unavailable => $"bible: WARNING {result.Translation} skipped: {result.Message}",
                _ => $"bible: ERROR {result.Translation}: {result.Message}",
            };
            (result.Outcome == BibleImportOutcome.Failed ? Console.Error : Console.Out).WriteLine(line);
            failed |= result.Outcome == BibleImportOutcome.Failed;
        }

        Environment.ExitCode = failed ? 1 : 0;
        return true;
    }
}
