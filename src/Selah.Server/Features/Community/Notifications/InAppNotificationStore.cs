using Microsoft.EntityFrameworkCore;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>
/// The in-app notification list: a notice joins the recipient's unread notification with the same group key (newest
/// named actor first, anonymous actors only counted) or starts a new one.
/// </summary>
public sealed class InAppNotificationStore(TimeProvider clock) : INotificationSink
{
    public async Task AcceptAsync(SelahDbContext db, CommunityNotice notice, CancellationToken cancellationToken)
    {
        var prefs = await NotificationPreferences.LoadAsync(db, notice.RecipientId, cancellationToken);
        if (!prefs.Allows(notice.Type, Selah.Contracts.Community.NotificationChannels.InApp))
        {
            return; // turned off: no row, so no live delivery either
        }

        var now = clock.GetUtcNow();
        var row = db.Notifications.Local.FirstOrDefault(n => n.RecipientId == notice.RecipientId && n.GroupKey == notice.GroupKey && n.ReadAt == null)
            ?? await db.Notifications.Where(n => n.RecipientId == notice.RecipientId && n.GroupKey == notice.GroupKey && n.ReadAt == null)
                .OrderByDescending(n => n.Id).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            row = new Notification
            {
                RecipientId = notice.RecipientId, Type = notice.Type, GroupKey = notice.GroupKey, SubjectId = notice.SubjectId,
                SubjectKind = notice.SubjectKind, CreatedAt = now,
            };
            db.Notifications.Add(row);
        }

        var known = ParseActors(row.ActorIds);
        if (notice.ActorId is not { } named || !known.Contains(named))
        {
            row.EventCount++; // the same named person reacting twice is one actor
        }

        row.UpdatedAt = now;
        row.Excerpt = notice.Excerpt ?? row.Excerpt;
        row.Detail = notice.Detail ?? row.Detail;
        if (notice.ActorId is { } actor)
        {
            var actors = known.Where(a => a != actor).Prepend(actor).Take(Notification.MaxNamedActors);
            row.ActorIds = string.Join(' ', actors.Select(a => a.ToString("N")));
        }
    }

    public static List<Guid> ParseActors(string ids) =>
        ids.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => Guid.ParseExact(s, "N")).ToList();
}
