using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>The caller's in-app notifications: most recently updated first (keyset), unread count, mark read.</summary>
public static class NotificationsApi
{
    private const string CursorSort = "notifications";

    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications").WithTags("Notifications").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", ListAsync).WithName("ListNotifications").WithSummary("Your notifications, grouped, most recent first.");
        group.MapGet("/unread-count", UnreadCountAsync).WithName("GetUnreadNotificationCount").WithSummary("How many notifications are unread.");
        group.MapPost("/read", MarkReadAsync).WithName("MarkNotificationsRead").WithSummary("Mark the listed notifications read, or all of them.");
    }

    public static async Task<Results<Ok<CommunityPage<NotificationResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] NotificationListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var rows = db.Notifications.AsNoTracking().Where(n => n.RecipientId == me);
        if (query.Unread == true)
        {
            rows = rows.Where(n => n.ReadAt == null);
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, CursorSort, out var cursor) || !cursor.TryGetLong(out var ticks))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            var id = cursor.Id;
            rows = rows.Where(n => n.UpdatedAt < at || (n.UpdatedAt == at && n.Id.CompareTo(id) < 0));
        }

        var page = await rows.OrderByDescending(n => n.UpdatedAt).ThenByDescending(n => n.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For(CursorSort, page[limit - 1].UpdatedAt.UtcTicks, page[limit - 1].Id).Encode() : null;
        page = page.Take(limit).ToList();
        return TypedResults.Ok(new CommunityPage<NotificationResponse>(await ToResponsesAsync(db, page, cancellationToken), next));
    }

    /// <summary>Notification rows as the API shows them (also pushed live by the notifications hub).</summary>
    public static async Task<List<NotificationResponse>> ToResponsesAsync(SelahDbContext db, IReadOnlyList<Notification> page, CancellationToken cancellationToken)
    {
        var actorIds = page.SelectMany(n => InAppNotificationStore.ParseActors(n.ActorIds)).Distinct().ToList();
        var names = await PostMapper.UserNamesAsync(db, actorIds, cancellationToken);
        return page.Select(n =>
        {
            var actors = InAppNotificationStore.ParseActors(n.ActorIds).Where(names.ContainsKey).Select(a => new CommunityUser(a, names[a])).ToList();
            return new NotificationResponse(n.Id, n.Type, NotificationText.Compose(n, actors), actors, Math.Max(n.EventCount, actors.Count), n.SubjectId,
                n.SubjectKind, n.Detail, n.ReadAt is not null, n.CreatedAt, n.UpdatedAt);
        }).ToList();
    }

    public static async Task<Ok<UnreadCountResponse>> UnreadCountAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        return TypedResults.Ok(new UnreadCountResponse(await db.Notifications.CountAsync(n => n.RecipientId == me && n.ReadAt == null, cancellationToken)));
    }

    public static async Task<Results<Ok<NotificationsReadResponse>, ValidationProblem>> MarkReadAsync(
        NotificationsReadRequest? request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, LiveNotifications live,
        CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var now = clock.GetUtcNow();
        var rows = db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null);
        if (request?.All != true && request?.Ids is { Count: > 0 } ids)
        {
            var list = ids.Distinct().ToList();
            rows = rows.Where(n => list.Contains(n.Id));
        }

        var marked = await rows.ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (marked > 0)
        {
            live.CountChanged(me);
        }

        return TypedResults.Ok(new NotificationsReadResponse(marked));
    }
}

/// <summary>The sentence of a grouped notification; anonymous actors are only ever "someone" or counted among "others".</summary>
public static class NotificationText
{
    public static string Compose(Notification n, IReadOnlyList<CommunityUser> actors)
    {
        var total = Math.Max(n.EventCount, actors.Count);
        var who = actors.Count switch
        {
            0 => total <= 1 ? "Someone" : $"{total} people",
            _ when total == 1 => actors[0].DisplayName,
            _ when total == 2 && actors.Count >= 2 => $"{actors[0].DisplayName} and {actors[1].DisplayName}",
            _ => $"{actors[0].DisplayName} and {total - 1} {(total - 1 == 1 ? "other" : "others")}",
        };
        var about = string.IsNullOrEmpty(n.Excerpt) ? "" : $": “{n.Excerpt}”";
        return n.Type switch
        {
            NotificationTypes.Prayed => $"{who} prayed for your request{about}",
            NotificationTypes.Comment => $"{who} commented on your post{about}",
            NotificationTypes.Reply => $"{who} replied to your comment{about}",
            NotificationTypes.Reaction => $"{who} reacted to your post{about}",
            NotificationTypes.Follow => $"{who} started following you",
            NotificationTypes.Mention => $"{who} mentioned you{about}",
            NotificationTypes.GroupJoinRequest => $"{who} asked to join {n.Excerpt}",
            NotificationTypes.GroupJoinApproved => $"You are now a member of {n.Excerpt}",
            NotificationTypes.GroupInvite => $"{who} invited you to join {n.Excerpt}",
            NotificationTypes.Moderation => n.Detail ?? "A moderator reviewed your post",
            NotificationTypes.NewRelease => $"New from {n.Detail}: “{n.Excerpt}”",
            _ => $"{who}{about}",
        };
    }
}
