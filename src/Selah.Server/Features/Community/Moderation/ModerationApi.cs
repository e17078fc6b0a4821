using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Moderation;

/// <summary>
/// The moderators' queue: held posts, comments, chat messages and prayer room requests/messages, and those with open
/// reports, newest first. The
/// decisions on them are in <see cref="ModerationDecisions"/>.
/// </summary>
public static class ModerationApi
{
    private const string CursorSort = "moderation";

    public static void MapModerationApi(RouteGroupBuilder moderators)
    {
        moderators.MapGet("/queue", QueueAsync).WithName("GetModerationQueue").WithSummary("Held items and items with open reports, newest first.");
        moderators.MapPost("/items/{id:guid}/decision", ModerationDecisions.DecideAsync).WithName("DecideModerationItem")
            .WithSummary("Approve, reject, edit, warn about or suspend the author of a held or reported post, comment or chat message; the author is told the reason.");
    }

    public static Ok<CommunityGuidelinesResponse> Guidelines(IOptionsMonitor<ModerationOptions> options) =>
        TypedResults.Ok(new CommunityGuidelinesResponse("Community guidelines", options.CurrentValue.Guidelines,
            CommunityMarkdown.ToHtml(options.CurrentValue.Guidelines)));

    public static async Task<Results<Ok<CommunityPage<ModerationQueueItem>>, ValidationProblem>> QueueAsync(
        [AsParameters] CommentListQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var before = Guid.Empty;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, CursorSort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            before = cursor.Id;
        }

        var open = db.ContentReports.Where(r => r.ResolvedAt == null);
        var posts = db.Posts.AsNoTracking().Where(p => p.DeletedAt == null
            && (p.Status == ContentStatus.Held || (p.Status == ContentStatus.Published && open.Any(r => r.ItemId == p.Id))));
        var comments = db.PostComments.AsNoTracking().Where(c => c.DeletedAt == null
            && (c.Status == ContentStatus.Held || (c.Status == ContentStatus.Published && open.Any(r => r.ItemId == c.Id))));
        var messages = db.GroupMessages.AsNoTracking().Where(m => m.DeletedAt == null
            && (m.Status == ContentStatus.Held || (m.Status == ContentStatus.Published && open.Any(r => r.ItemId == m.Id))));
        // Live prayer rooms: held requests and messages (rooms have no reports; what is published there is live talk).
        var roomRequests = db.PrayerRoomRequests.AsNoTracking().Where(r => r.Status == ContentStatus.Held);
        var roomMessages = db.PrayerRoomMessages.AsNoTracking().Where(m => m.Status == ContentStatus.Held && m.DeletedAt == null);
        if (before != Guid.Empty)
        {
            posts = posts.Where(p => p.Id.CompareTo(before) < 0);
            comments = comments.Where(c => c.Id.CompareTo(before) < 0);
            messages = messages.Where(m => m.Id.CompareTo(before) < 0);
            roomRequests = roomRequests.Where(r => r.Id.CompareTo(before) < 0);
            roomMessages = roomMessages.Where(m => m.Id.CompareTo(before) < 0);
        }

        var postRows = await posts.OrderByDescending(p => p.Id).Take(limit + 1)
            .Select(p => new Row(p.Id, "post", p.Id, p.Status, p.Body, p.AuthorId, p.Anonymous, p.ModerationScore, p.ModerationReasons, p.CreatedAt))
            .ToListAsync(cancellationToken);
        var commentRows = await comments.OrderByDescending(c => c.Id).Take(limit + 1)
            .Select(c => new Row(c.Id, "comment", c.PostId, c.Status, c.Body, c.AuthorId, false, c.ModerationScore, c.ModerationReasons, c.CreatedAt))
            .ToListAsync(cancellationToken);
        // A chat message's "post" is its group (the id the client opens); chat keeps no moderation score.
        var messageRows = await messages.OrderByDescending(m => m.Id).Take(limit + 1)
            .Select(m => new Row(m.Id, "message", m.GroupId, m.Status, m.Text, m.AuthorId, false, 0, "", m.CreatedAt))
            .ToListAsync(cancellationToken);
        // A prayer room item's "post" is its room.
        var roomRequestRows = await roomRequests.OrderByDescending(r => r.Id).Take(limit + 1)
            .Select(r => new Row(r.Id, "roomRequest", r.RoomId, r.Status, r.Text, r.AuthorId, false, 0, "", r.CreatedAt))
            .ToListAsync(cancellationToken);
        var roomMessageRows = await roomMessages.OrderByDescending(m => m.Id).Take(limit + 1)
            .Select(m => new Row(m.Id, "roomMessage", m.RoomId, m.Status, m.Text, m.AuthorId, false, 0, "", m.CreatedAt))
            .ToListAsync(cancellationToken);
        var rows = postRows.Concat(commentRows).Concat(messageRows).Concat(roomRequestRows).Concat(roomMessageRows)
            .OrderByDescending(r => r.Id).Take(limit + 1).ToList();
        var next = rows.Count > limit ? CatalogCursor.For(CursorSort, rows[limit - 1].Id).Encode() : null;
        rows = rows.Take(limit).ToList();

        var ids = rows.Select(r => r.Id).ToList();
        var reports = await db.ContentReports.AsNoTracking().Where(r => r.ResolvedAt == null && ids.Contains(r.ItemId)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var names = await PostMapper.UserNamesAsync(db, rows.Select(r => r.AuthorId).Concat(reports.Select(r => r.ReporterId)).Distinct().ToList(), cancellationToken);
        var items = rows.Select(r => new ModerationQueueItem(
            r.Id, r.Kind, r.PostId, r.Status, r.Body, new CommunityUser(r.AuthorId, names.GetValueOrDefault(r.AuthorId, "")), r.Anonymous, r.Score,
            r.Reasons.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            reports.Where(x => x.ItemId == r.Id).Select(x => new ModerationReport(x.Id, new CommunityUser(x.ReporterId, names.GetValueOrDefault(x.ReporterId, "")),
                x.Reason, x.CreatedAt)).ToList(),
            r.CreatedAt)).ToList();
        return TypedResults.Ok(new CommunityPage<ModerationQueueItem>(items, next));
    }

    private sealed record Row(Guid Id, string Kind, Guid PostId, string Status, string Body, Guid AuthorId, bool Anonymous, int Score, string Reasons,
        DateTimeOffset CreatedAt);
}
