using Microsoft.EntityFrameworkCore;
using Quartz;
using Selah.Contracts.Media;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Jobs;

namespace Selah.Server.Features.Media.Import;

/// <summary>The durable job behind an import (key <c>imports.import-{id}</c>); the work is in <see cref="ImportRunner"/>.</summary>
[DisallowConcurrentExecution]
public sealed class ImportJob(ImportRunner runner, ILogger<ImportJob> logger) : SelahJob(logger)
{
    public const string ImportIdKey = "importId";

    public static JobKey KeyFor(Guid importId) => new($"import-{importId:n}", "imports");

    public static async Task ScheduleAsync(ISchedulerFactory schedulers, Guid importId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ImportJob>()
            .WithIdentity(KeyFor(importId))
            .UsingJobData(ImportIdKey, importId.ToString())
            .RequestRecovery()
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"import-{importId:n}", "imports")
            .WithPriority(10) // ahead of queued processing jobs: an import only queues them
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    protected override Task RunAsync(IJobExecutionContext context, CancellationToken cancellationToken) =>
        Guid.TryParse(context.MergedJobDataMap.GetString(ImportIdKey), out var importId)
            ? runner.RunAsync(importId, cancellationToken)
            : Task.CompletedTask;
}

/// <summary>At start-up, an import still queued or running without a job (the server stopped during it) gets a new job; it resumes per file.</summary>
internal sealed class ImportRecovery(IDbContextFactory<SelahDbContext> contexts, ISchedulerFactory schedulers, ILogger<ImportRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.ImportBatches.Where(b => b.Status == ImportStatus.Queued || b.Status == ImportStatus.Running)
            .Select(b => b.Id).ToListAsync(cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var id in open)
        {
            if (!await scheduler.Exists(ImportJob.KeyFor(id), cancellationToken))
            {
                logger.LogWarning("Import {ImportId} was interrupted; resuming it", id);
                await ImportJob.ScheduleAsync(schedulers, id, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
