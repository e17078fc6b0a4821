using Quartz;

namespace Selah.Server.Infrastructure.Jobs;

/// <summary>
/// Base of Selah's background jobs: runs <see cref="RunAsync"/>, logs a failure (without rethrowing, so one bad job never
/// takes the scheduler or the host down) and lets a shutdown cancel the work — the job stays in the store and runs again
/// on the next start (jobs are registered with <c>RequestRecovery</c>).
/// </summary>
public abstract class SelahJob(ILogger logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Job {Job} was interrupted by shutdown; it will run again on start-up", context.JobDetail.Key);
            throw new JobExecutionException("Interrupted by shutdown.") { RefireImmediately = false };
        }
        catch (Exception e)
        {
            logger.LogError(e, "Job {Job} failed", context.JobDetail.Key);
        }
    }

    protected abstract Task RunAsync(IJobExecutionContext context, CancellationToken cancellationToken);
}
