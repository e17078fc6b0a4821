using Microsoft.EntityFrameworkCore;
using Quartz;
using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Media;

/// <summary>Schedules <see cref="ProcessTrackJob"/> for a track: one job per track (key <c>media.process-{id}</c>), replaced when scheduled again.</summary>
public sealed class TrackJobs(ISchedulerFactory schedulers)
{
    public static JobKey KeyFor(Guid trackId) => new($"process-{trackId:n}", "media");

    public async Task ScheduleAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<ProcessTrackJob>()
            .WithIdentity(KeyFor(trackId))
            .UsingJobData(ProcessTrackJob.TrackIdKey, trackId.ToString())
            .RequestRecovery() // a node that dies mid-job leaves it for the next start (or another cluster node)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"process-{trackId:n}", "media")
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)) // late because the node was down: run at once
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
    }

    public async Task<bool> IsScheduledAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.Exists(KeyFor(trackId), cancellationToken);
    }
}

/// <summary>
/// Crash recovery at start-up: a track still in <c>processing</c> whose job is gone (the process was stopped while it ran,
/// or died before Quartz stored the job) gets a new job. Re-running is safe: processing is idempotent.
/// </summary>
internal sealed class ProcessingRecovery(IDbContextFactory<SelahDbContext> contexts, TrackJobs jobs, ILogger<ProcessingRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var stuck = await db.Tracks.Where(t => t.Status == TrackStatus.Processing).Select(t => t.Id).ToListAsync(cancellationToken);
        foreach (var id in stuck)
        {
            if (!await jobs.IsScheduledAsync(id, cancellationToken))
            {
                logger.LogWarning("Track {TrackId} was left in processing without a job; scheduling it again", id);
                await jobs.ScheduleAsync(id, cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
