using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Jobs;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>
/// "New release from an artist you follow". Whatever may have made a release public (a track finished processing and
/// is published, a track or an album was published) calls <see cref="ScheduleAsync"/> after its save; the durable job
/// <see cref="ReleaseAnnouncementJob"/> (one per release, key <c>notifications.release-{id}</c>) runs after
/// <see cref="NotificationOptions.ReleaseDelay"/>, so an album whose tracks finish one by one is announced once, and a
/// publish taken back within the delay is not announced at all.
/// </summary>
public sealed class ReleaseAnnouncer(ISchedulerFactory schedulers, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<ReleaseAnnouncer> logger)
{
    public static JobKey KeyFor(Guid releaseId) => new($"release-{releaseId:n}", "notifications");

    /// <summary>The release of a track: its album when it has one, else the track itself (a single).</summary>
    public static Guid ReleaseOf(Track track) => track.AlbumId ?? track.Id;

    /// <summary>Schedules (or pushes back) the announcement of a release; a failure to schedule is logged, never thrown.</summary>
    public async Task ScheduleAsync(Guid releaseId, CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var job = JobBuilder.Create<ReleaseAnnouncementJob>().WithIdentity(KeyFor(releaseId))
                .UsingJobData(ReleaseAnnouncementJob.ReleaseIdKey, releaseId.ToString()).RequestRecovery().Build();
            var trigger = TriggerBuilder.Create().WithIdentity($"release-{releaseId:n}", "notifications")
                .StartAt(clock.GetUtcNow() + options.Value.ReleaseDelay)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not schedule the announcement of release {ReleaseId}; followers will not be told", releaseId);
        }
    }
}

/// <summary>Tells every follower of the artist about a release that is public now, once per follower.</summary>
[DisallowConcurrentExecution]
public sealed class ReleaseAnnouncementJob(
    IServiceScopeFactory scopes, ILogger<ReleaseAnnouncementJob> logger) : SelahJob(logger)
{
    public const string ReleaseIdKey = "releaseId";
    private const int Batch = 500;

    protected override async Task RunAsync(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(context.MergedJobDataMap.GetString(ReleaseIdKey), out var releaseId))
        {
            await AnnounceAsync(scopes, releaseId, cancellationToken);
        }
    }

    /// <summary>The job's work; returns how many followers were told (those told before are skipped).</summary>
    public static async Task<int> AnnounceAsync(IServiceScopeFactory scopes, Guid releaseId, CancellationToken cancellationToken)
    {
        var told = 0;
        var key = $"release:{releaseId:N}";
        Guid? after = null;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
            var release = await FindPublicReleaseAsync(db, releaseId, cancellationToken);
            if (release is null)
            {
                return told; // unpublished again, deleted, or not ready: nothing to say
            }

            var followers = db.ArtistFollows.AsNoTracking().Where(f => f.ArtistId == release.ArtistId)
                .Where(f => !db.Notifications.Any(n => n.RecipientId == f.UserId && n.GroupKey == key)
                    && !db.NotificationDeliveries.Any(d => d.RecipientId == f.UserId && d.GroupKey == key));
            if (after is { } last)
            {
                followers = followers.Where(f => f.UserId.CompareTo(last) > 0);
            }

            var batch = await followers.OrderBy(f => f.UserId).Select(f => f.UserId).Take(Batch).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return told;
            }

            var notifier = scope.ServiceProvider.GetRequiredService<CommunityNotifier>();
            foreach (var follower in batch)
            {
                await notifier.NotifyAsync(db, new CommunityNotice(follower, NotificationTypes.NewRelease, key, null, release.SubjectId, release.SubjectKind,
                    CommunityNotifier.Excerpt(release.Title), release.ArtistName), release.ArtistOwnerId ?? Guid.Empty, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            told += batch.Count;
            after = batch[^1];
        }
    }

    private sealed record PublicRelease(Guid ArtistId, Guid? ArtistOwnerId, string ArtistName, string Title, Guid SubjectId, string SubjectKind);

    /// <summary>An album that is published and has a listenable track, or a single (a track without album) that is listenable.</summary>
    private static async Task<PublicRelease?> FindPublicReleaseAsync(SelahDbContext db, Guid releaseId, CancellationToken cancellationToken)
    {
        var album = await db.Albums.AsNoTracking().Where(a => a.Id == releaseId && a.Published)
            .Where(a => a.Tracks.Any(t => t.Published && t.Status == TrackStatus.Ready))
            .Select(a => new PublicRelease(a.ArtistId, a.Artist.OwnerId, a.Artist.Name, a.Title, a.Id, "album")).FirstOrDefaultAsync(cancellationToken);
        return album ?? await db.Tracks.AsNoTracking()
            .Where(t => t.Id == releaseId && t.AlbumId == null && t.Published && t.Status == TrackStatus.Ready)
            .Select(t => new PublicRelease(t.ArtistId, t.Artist.OwnerId, t.Artist.Name, t.Title, t.ArtistId, "artist")).FirstOrDefaultAsync(cancellationToken);
    }
}
