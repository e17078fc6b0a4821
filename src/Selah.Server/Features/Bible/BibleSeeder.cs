using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Bible;

/// <summary>
/// At start-up, imports the translations named in <c>Selah:Bible:Translations</c> that are missing, in the background (the
/// server serves meanwhile; the Bible endpoints list what is there). A missing SWORD module is a warning naming the Debian
/// package, never a failed start.
/// </summary>
public sealed class BibleSeeder(
    IOptions<BibleOptions> options,
    IHostEnvironment environment,
    BibleImporter importer,
    IDbContextFactory<SelahDbContext> contexts,
    IHostApplicationLifetime lifetime,
    ILogger<BibleSeeder> logger) : IStartupSeeder
{
    public const string DefaultTranslations = "kjv,web,sparv";

    public int Order => 150;

    /// <summary>The background import started by <see cref="SeedAsync"/> (completed when nothing was started).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>The configured translation ids (the default is none in the Testing environment).</summary>
    public IReadOnlyList<string> Configured()
    {
        var value = options.Value.Translations ?? (environment.IsEnvironment("Testing") ? "" : DefaultTranslations);
        return value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct().ToList();
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var wanted = Configured();
        if (wanted.Count == 0 || !Completion.IsCompleted)
        {
            return;
        }

        foreach (var unknown in wanted.Where(id => SwordTranslations.Find(id) is null))
        {
            logger.LogWarning("Selah:Bible:Translations names unknown translation {Translation}; known: {Known}",
                unknown, string.Join(", ", SwordTranslations.All.Select(t => t.Id)));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var present = await db.BibleTranslations.Select(t => t.Id).ToListAsync(cancellationToken);
        var missing = wanted.Where(id => SwordTranslations.Find(id) is not null && !present.Contains(id)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        Completion = Task.Run(async () =>
        {
            foreach (var id in missing)
            {
                try
                {
                    await importer.ImportAsync(id, force: false, lifetime.ApplicationStopping);
                }
                catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Importing Bible translation {Translation} failed", id);
                }
            }
        }, CancellationToken.None);
    }
}
