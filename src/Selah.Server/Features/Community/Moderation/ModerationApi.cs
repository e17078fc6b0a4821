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
/// The moderators' queue (held posts and comments, and those with open reports, newest first) and their decisions:
/// approve publishes (and closes the reports), reject hides the item from everyone but its author. The author is told
/// the reason; every decision is in the audit log with the state before and after.
/// </summary>
public static class ModerationApi
{
    private const string CursorSort = "moderation";

    public static void MapModerationApi(RouteGroupBuilder moderators)
    {
        moderators.MapGet("/queue", QueueAsync).WithName("GetModerationQueue").WithSummary("Held items and items with open reports, newest first.");
        moderators.MapPost("/items/{id:guid}/decision", DecideAsync).WithName("DecideModerationItem")
            .WithSummary("Approve or reject a held or reported post or comment; the author is told the reason.");
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
        if (before != Guid.Empty)
        {
            posts = posts.Where(p => p.Id.CompareTo(before) < 0);
            comments = comments.Where(c => c.Id.CompareTo(before) < 0);
            messages = messages.Where(m => m.Id.CompareTo(before) < 0);
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
        var rows = postRows.Concat(commentRows).Concat(messageRows).OrderByDescending(r => r.Id).Take(limit + 1).ToList();
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

    public static async Task<Results<Ok<ModerationDecisionResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, ModerationDecisionRequest request, ClaimsPrincipal user, SelahDbContext db, AuditLog audit, CommunityNotifier notifier,
        PostMentions mentions, GroupChat chat, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var now = clock.GetUtcNow();
        var approve = request.Decision == "approve";
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        if (!approve && reason is null)
        {
            return Problems.Field("reason", "A rejection needs a reason for the author.");
        }

        string kind;
        string before;
        Guid authorId;
        Post post;
        var post0 = await db.Posts.FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        var comment = post0 is null ? await db.PostComments.FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken) : null;
        if (post0 is not null)
        {
            kind = "post";
            post = post0;
            before = post.Status;
            authorId = post.AuthorId;
            post.Status = approve ? ContentStatus.Published : ContentStatus.Rejected;
            if (approve && before != ContentStatus.Published)
            {
                await mentions.NotifyAsync(db, post, post.Body, cancellationToken);
            }
        }
        else if (comment is not null)
        {
            kind = "comment";
            post = await db.Posts.FirstAsync(p => p.Id == comment.PostId, cancellationToken);
            before = comment.Status;
            authorId = comment.AuthorId;
            comment.Status = approve ? ContentStatus.Published : ContentStatus.Rejected;
            if (approve && before != ContentStatus.Published)
            {
                post.CommentCount++;
                var parentAuthor = comment.ParentId is { } parentId
                    ? await db.PostComments.Where(c => c.Id == parentId).Select(c => (Guid?)c.AuthorId).FirstOrDefaultAsync(cancellationToken)
                    : null;
                await CommentsApi.NotifyPublishedAsync(db, notifier, mentions, post, comment, parentAuthor, cancellationToken);
            }
            else if (!approve && before == ContentStatus.Published)
            {
                post.CommentCount = Math.Max(0, post.CommentCount - 1);
            }
        }
        else if (await db.GroupMessages.FirstOrDefaultAsync(m => m.Id == id && m.DeletedAt == null, cancellationToken) is { } message)
        {
            return await DecideMessageAsync(message, approve, reason, me, now, db, audit, notifier, chat, cancellationToken);
        }
        else
        {
            return Problems.NotFound("The item");
        }

        var after = approve ? ContentStatus.Published : ContentStatus.Rejected;
        var resolved = await ResolveReportsAsync(db, id, approve, me, now, cancellationToken);
        var what = kind == "post" ? "post" : "comment";
        var text = approve
            ? $"Your {what} was approved and is now visible."
            : $"Your {what} was removed by a moderator.";
        await notifier.NotifyAsync(db, new CommunityNotice(authorId, NotificationTypes.Moderation, $"moderation:{id}:{now.UtcTicks}", null, post.Id, kind,
            CommunityNotifier.Excerpt(kind == "post" ? post.Body : comment!.Body), reason is null ? text : $"{text} Reason: {reason}"), me, cancellationToken);
        audit.Record(db, me, approve ? "community.moderation.approve" : "community.moderation.reject", kind, id.ToString(),
            new { status = before, openReports = resolved.Count }, new { status = after, reason });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ModerationDecisionResponse(id, kind, after, resolved.Count));
    }

    /// <summary>A held (or reported) chat message: approving publishes it to the group live; rejecting hides it for good.</summary>
    private static async Task<Results<Ok<ModerationDecisionResponse>, ValidationProblem, ProblemHttpResult>> DecideMessageAsync(
        GroupMessage message, bool approve, string? reason, Guid me, DateTimeOffset now, SelahDbContext db, AuditLog audit,
        CommunityNotifier notifier, GroupChat chat, CancellationToken cancellationToken)
    {
        var before = message.Status;
        var after = approve ? ContentStatus.Published : ContentStatus.Rejected;
        message.Status = after;
        var resolved = await ResolveReportsAsync(db, message.Id, approve, me, now, cancellationToken);
        var text = approve ? "Your chat message was approved and is now visible." : "Your chat message was removed by a moderator.";
        await notifier.NotifyAsync(db, new CommunityNotice(message.AuthorId, NotificationTypes.Moderation, $"moderation:{message.Id}:{now.UtcTicks}", null,
            message.GroupId, "group", CommunityNotifier.Excerpt(message.Text), reason is null ? text : $"{text} Reason: {reason}"), me, cancellationToken);
        audit.Record(db, me, approve ? "community.moderation.approve" : "community.moderation.reject", "message", message.Id.ToString(),
            new { status = before, openReports = resolved.Count }, new { status = after, reason });
        await db.SaveChangesAsync(cancellationToken);
        if (approve && before != ContentStatus.Published)
        {
            await chat.PublishApprovedAsync(message, cancellationToken);
        }
        else if (!approve && before == ContentStatus.Published)
        {
            await chat.PublishRemovedAsync(message, cancellationToken);
        }

        return TypedResults.Ok(new ModerationDecisionResponse(message.Id, "message", after, resolved.Count));
    }

    private static async Task<List<ContentReport>> ResolveReportsAsync(SelahDbContext db, Guid id, bool approve, Guid me, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var resolved = await db.ContentReports.Where(r => r.ItemId == id && r.ResolvedAt == null).ToListAsync(cancellationToken);
        foreach (var report in resolved)
        {
            report.ResolvedAt = now;
            report.ResolvedById = me;
            report.Resolution = approve ? "kept" : "removed";
        }

        return resolved;
    }
}
