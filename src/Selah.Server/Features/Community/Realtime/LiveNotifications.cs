using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Realtime;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Realtime;

/// <summary>
/// <c>/hubs/notifications</c>: server → client only. <c>notification</c> carries the record <c>GET /api/v1/notifications</c>
/// returns (a grouped notification arrives again, updated, when someone else joins it) and <c>unreadCount</c>
/// (<c>{ "count": n }</c>) follows every change, and once on connect.
/// </summary>
[Authorize]
public sealed class NotificationsHub(LiveNotifications live) : Hub
{
    public const string Path = "/hubs/notifications";

    public override async Task OnConnectedAsync()
    {
        await base.OnConnectedAsync();
        if (Context.User?.TryGetUserId() is { } me)
        {
            live.CountChanged(me);
        }
    }
}

/// <summary>
/// The live sink: remembers which in-app notification rows a unit of work touched and, once that unit's
/// <c>SaveChanges</c> has succeeded, queues them for delivery. Registered after <see cref="InAppNotificationStore"/>,
/// so the row it looks for is already tracked. Nothing is sent for a unit of work that never saves. When the save runs
/// inside a transaction the pump waits until the row is visible with this save's <c>updatedAt</c> (i.e. committed).
/// </summary>
public sealed class LiveNotificationSink(LiveNotifications live) : INotificationSink, IDisposable
{
    private readonly List<Notification> _pending = [];
    private SelahDbContext? _subscribed;

    public Task AcceptAsync(SelahDbContext db, CommunityNotice notice, CancellationToken cancellationToken)
    {
        var row = db.Notifications.Local.FirstOrDefault(n => n.RecipientId == notice.RecipientId && n.GroupKey == notice.GroupKey && n.ReadAt == null);
        if (row is null)
        {
            return Task.CompletedTask;
        }

        lock (_pending)
        {
            if (!_pending.Contains(row))
            {
                _pending.Add(row);
            }
        }

        if (!ReferenceEquals(_subscribed, db))
        {
            Unsubscribe();
            _subscribed = db;
            db.SavedChanges += OnSaved;
        }

        return Task.CompletedTask;
    }

    public void Dispose() => Unsubscribe();

    private void OnSaved(object? sender, SavedChangesEventArgs e)
    {
        List<Notification> saved;
        lock (_pending)
        {
            saved = [.. _pending];
            _pending.Clear();
        }

        foreach (var n in saved)
        {
            live.Saved(n.Id, n.RecipientId, n.UpdatedAt);
        }
    }

    private void Unsubscribe()
    {
        if (_subscribed is not null)
        {
            _subscribed.SavedChanges -= OnSaved;
            _subscribed = null;
        }
    }
}

/// <summary>The queue between saving a notification and pushing it to the recipient's connections (on any node).</summary>
public sealed class LiveNotifications
{
    private readonly Channel<LiveItem> _queue =
        Channel.CreateBounded<LiveItem>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Saved(Guid notificationId, Guid recipientId, DateTimeOffset updatedAt) =>
        _queue.Writer.TryWrite(new LiveItem(notificationId, recipientId, updatedAt, 0));

    /// <summary>The recipient's unread count changed (e.g. they marked notifications read): push the new count.</summary>
    public void CountChanged(Guid recipientId) => _queue.Writer.TryWrite(new LiveItem(null, recipientId, null, 0));

    internal void Retry(LiveItem item) => _queue.Writer.TryWrite(item with { Attempt = item.Attempt + 1 });

    internal ChannelReader<LiveItem> Reader => _queue.Reader;
}

internal sealed record LiveItem(Guid? NotificationId, Guid RecipientId, DateTimeOffset? UpdatedAt, int Attempt);

internal sealed class LiveNotificationPump(
    LiveNotifications live, IServiceScopeFactory scopes, IHubContext<NotificationsHub> hub, ILogger<LiveNotificationPump> logger) : BackgroundService
{
    /// <summary>How long to wait for a transaction that saved a notification to commit (50 × 100 ms) before giving up (rolled back).</summary>
    private const int MaxAttempts = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var item in live.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await DeliverAsync(item, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Live delivery of a notification to {UserId} failed; it stays in the in-app list", item.RecipientId);
            }
        }
    }

    private async Task DeliverAsync(LiveItem item, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
        var user = hub.Clients.User(RealtimeExtensions.UserKey(item.RecipientId));
        if (item.NotificationId is { } id)
        {
            var row = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.RecipientId == item.RecipientId, stoppingToken);
            // PostgreSQL keeps microseconds, .NET ticks are 100 ns: allow for the rounding.
            if (row is null || row.UpdatedAt < item.UpdatedAt - TimeSpan.FromMilliseconds(1))
            {
                // Saved inside a transaction that has not committed yet (or was rolled back): look again shortly.
                if (item.Attempt < MaxAttempts)
                {
                    _ = Task.Delay(TimeSpan.FromMilliseconds(100), stoppingToken).ContinueWith(_ => live.Retry(item), TaskScheduler.Default);
                }

                return;
            }

            var response = (await NotificationsApi.ToResponsesAsync(db, [row], stoppingToken))[0];
            await user.SendAsync("notification", response, stoppingToken);
        }

        var count = await db.Notifications.CountAsync(n => n.RecipientId == item.RecipientId && n.ReadAt == null, stoppingToken);
        await user.SendAsync("unreadCount", new UnreadCountResponse(count), stoppingToken);
    }
}
