using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quartz;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>
/// One notice waiting to go out by email or Web Push (the outbox). Written in the unit of work that raised the notice,
/// so it exists exactly when the event was saved; <see cref="NotificationDispatchJob"/> sends it once <see cref="DueAt"/>
/// has come (now, the end of quiet hours, or the user's digest time) and stamps <see cref="SentAt"/> after sending
/// (a claim leases the row by moving <see cref="DueAt"/> on, so a sender that dies mid-send leaves it for a later run).
/// </summary>
public sealed class NotificationDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid RecipientId { get; set; }
    /// <summary><c>email</c> or <c>push</c>.</summary>
    public required string Channel { get; set; }
    /// <summary>An email that waits for the daily digest.</summary>
    public bool Digest { get; set; }
    public required string Type { get; set; }
    public required string GroupKey { get; set; }
    /// <summary>Null when the actor acted anonymously: never resolved.</summary>
    public Guid? ActorId { get; set; }
    public Guid? SubjectId { get; set; }
    public string? SubjectKind { get; set; }
    public string? Excerpt { get; set; }
    public string? Detail { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset DueAt { get; set; }
    /// <summary>When the row was finished: sent, dropped (the person turned the channel off since), or given up.</summary>
    public DateTimeOffset? SentAt { get; set; }
    public int Attempts { get; set; }
}

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Channel).HasMaxLength(8);
        builder.Property(d => d.Type).HasMaxLength(32);
        builder.Property(d => d.GroupKey).HasMaxLength(128);
        builder.Property(d => d.SubjectKind).HasMaxLength(16);
        builder.Property(d => d.Excerpt).HasMaxLength(200);
        builder.Property(d => d.Detail).HasMaxLength(1000);
        builder.HasIndex(d => new { d.SentAt, d.DueAt });
        builder.HasIndex(d => d.RecipientId);
    }
}

/// <summary>
/// The email and push sink: queues a delivery per allowed channel (deferred by quiet hours or to the digest), and
/// after the unit of work saved, asks <see cref="NotificationDispatchJob"/> to run now. Registered scoped.
/// </summary>
public sealed class OutboundNotificationSink(TimeProvider clock, ISchedulerFactory schedulers, ILogger<OutboundNotificationSink> logger)
    : INotificationSink, IDisposable
{
    private SelahDbContext? _subscribed;
    private bool _dueNow;

    public async Task AcceptAsync(SelahDbContext db, CommunityNotice notice, CancellationToken cancellationToken)
    {
        var prefs = await NotificationPreferences.LoadAsync(db, notice.RecipientId, cancellationToken);
        var now = clock.GetUtcNow();
        var quietUntil = prefs.QuietUntil(now);
        if (prefs.Allows(notice.Type, NotificationChannels.Email))
        {
            var digest = prefs.EmailMode == EmailModes.DailyDigest;
            Add(db, notice, NotificationChannels.Email, digest, digest ? prefs.NextDigest(now) : quietUntil ?? now, now);
        }

        if (prefs.Allows(notice.Type, NotificationChannels.Push)
            && await db.PushSubscriptions.AnyAsync(s => s.UserId == notice.RecipientId, cancellationToken))
        {
            Add(db, notice, NotificationChannels.Push, false, quietUntil ?? now, now);
        }
    }

    private void Add(SelahDbContext db, CommunityNotice notice, string channel, bool digest, DateTimeOffset due, DateTimeOffset now)
    {
        db.NotificationDeliveries.Add(new NotificationDelivery
        {
            RecipientId = notice.RecipientId, Channel = channel, Digest = digest, Type = notice.Type, GroupKey = notice.GroupKey,
            ActorId = notice.ActorId, SubjectId = notice.SubjectId, SubjectKind = notice.SubjectKind, Excerpt = notice.Excerpt,
            Detail = notice.Detail, CreatedAt = now, DueAt = due,
        });
        _dueNow |= due <= now;
        if (!ReferenceEquals(_subscribed, db))
        {
            Unsubscribe();
            _subscribed = db;
            db.SavedChanges += OnSaved;
        }
    }

    private void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        if (!_dueNow)
        {
            return;
        }

        _dueNow = false;
        _ = NotificationDispatchJob.TriggerAsync(schedulers, logger);
    }

    public void Dispose() => Unsubscribe();

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.SavedChanges -= OnSaved;
            _subscribed = null;
        }
    }
}
