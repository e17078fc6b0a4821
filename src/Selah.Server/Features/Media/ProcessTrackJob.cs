using Quartz;
using Selah.Server.Infrastructure.Jobs;

namespace Selah.Server.Features.Media;

/// <summary>The durable job behind a track's <c>processing</c> status; the work is in <see cref="TrackProcessor"/>.</summary>
[DisallowConcurrentExecution]
public sealed class ProcessTrackJob(TrackProcessor processor, ILogger<ProcessTrackJob> logger) : SelahJob(logger)
{
    public const string TrackIdKey = "trackId";

    protected override Task RunAsync(IJobExecutionContext context, CancellationToken cancellationToken) =>
        Guid.TryParse(context.MergedJobDataMap.GetString(TrackIdKey), out var trackId)
            ? processor.ProcessAsync(trackId, cancellationToken)
            : Task.CompletedTask;
}
