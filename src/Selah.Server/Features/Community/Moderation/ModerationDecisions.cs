using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Accounts;
using Selah.Contracts.Admin;
using Selah.Contracts.Community;
using Selah.Server.Features.Accounts;
using Selah.Server.Features.Admin;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.PrayerRooms;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Moderation;

/// <summary>The services a moderation decision needs (one parameter object instead of a dozen handler parameters).</summary>
public sealed record ModerationServices(
    SelahDbContext Db, AuditLog Audit, CommunityNotifier Notifier, PostMentions Mentions, GroupChat Chat, LivePrayerRooms Rooms,
    UserManager<SelahUser> Users, AccountSessions Sessions, TimeProvider Clock);

/// <summary>
/// A moderator's decision on a held or reported post, comment or chat message: approve, reject, edit (the moderator's
/// text replaces the author's and the item is published), warn (the item stays; the author is warned) or suspend (the
/// item is removed and the author suspended through the administrators' suspend path). Every decision closes the open
/// reports, tells the author the reason (no moderator named) and is audited with the state before and after, all in
/// one transaction.
/// </summary>
public static class ModerationDecisions
{
    public static async Task<Results<Ok<ModerationDecisionResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, ModerationDecisionRequest request, ClaimsPrincipal user, [AsParameters] ModerationServices s, CancellationToken cancellationToken)
    {
        var db = s.Db;
        var decision = request.Decision;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var text = request.Text?.Trim();
        if (reason is null && decision is "reject" or "warn" or "suspend")
        {
            return Problems.Field("reason", decision switch
            {
                "reject" => "A rejection needs a reason for the author.",
                "warn" => "A warning needs a reason for the author.",
                _ => "A suspension needs a reason for the author.",
            });
        }

        if (decision == "edit" && string.IsNullOrEmpty(text))
        {
            return Problems.Field("text", "An edit needs the new text.");
        }

        if (decision == "suspend" && request.Days is null)
        {
            return Problems.Field("days", "A suspension needs its length in days (1–365).");
        }

        var post = await db.Posts.FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);
        var comment = post is null ? await db.PostComments.FirstOrDefaultAsync(c => c.Id == id && c.DeletedAt == null, cancellationToken) : null;
        var message = post is null && comment is null
            ? await db.GroupMessages.FirstOrDefaultAsync(m => m.Id == id && m.DeletedAt == null, cancellationToken)
            : null;
        var roomRequest = post is null && comment is null && message is null
            ? await db.PrayerRoomRequests.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            : null;
        var roomMessage = post is null && comment is null && message is null && roomRequest is null
            ? await db.PrayerRoomMessages.FirstOrDefaultAsync(m => m.Id == id && m.DeletedAt == null, cancellationToken)
            : null;
        if (roomRequest is not null || roomMessage is not null)
        {
            return await DecideRoomItemAsync(id, roomRequest, roomMessage, decision, reason, text, request.Days, user, s, cancellationToken);
        }

        if (post is null && comment is null && message is null)
        {
            return Problems.NotFound("The item");
        }

        var kind = post is not null ? "post" : comment is not null ? "comment" : "message";
        var maxLength = kind == "post" ? 10000 : 4000;
        if (text is not null && text.Length > maxLength)
        {
            return Problems.Field("text", $"A {Noun(kind)} is at most {maxLength} characters.");
        }

        var authorId = post?.AuthorId ?? comment?.AuthorId ?? message!.AuthorId;
        var me = user.GetUserId();
        var now = s.Clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (decision == "suspend" && await SuspendAuthorAsync(authorId, request.Days!.Value, reason!, user, s, cancellationToken) is { } refused)
        {
            return Refusal(refused);
        }

        var before = post?.Status ?? comment?.Status ?? message!.Status;
        var beforeText = post?.Body ?? comment?.Body ?? message!.Text;
        var after = decision switch
        {
            "approve" or "edit" => ContentStatus.Published,
            "reject" or "suspend" => ContentStatus.Rejected,
            _ => before,
        };
        if (post is not null)
        {
            await ApplyToPostAsync(post, decision, before, after, text, me, now, s, cancellationToken);
        }
        else if (comment is not null)
        {
            await ApplyToCommentAsync(comment, decision, before, after, text, me, now, s, cancellationToken);
        }
        else
        {
            message!.Status = after;
            if (decision == "edit")
            {
                message.Text = text!;
                message.EditedAt = now;
            }
        }

        var resolved = await ResolveReportsAsync(db, id, decision, me, now, cancellationToken);
        var (subjectId, subjectKind) = message is not null ? (message.GroupId, "group") : (post?.Id ?? comment!.PostId, kind);
        var notice = Notice(kind, decision, request.Days);
        await s.Notifier.NotifyAsync(db, new CommunityNotice(authorId, NotificationTypes.Moderation, $"moderation:{id}:{now.UtcTicks}", null, subjectId,
            subjectKind, CommunityNotifier.Excerpt(beforeText), reason is null ? notice : $"{notice} Reason: {reason}"), me, cancellationToken);
        s.Audit.Record(db, me, $"community.moderation.{decision}", kind, id.ToString(),
            new { status = before, text = decision == "edit" ? beforeText : null, openReports = resolved },
            new { status = after, text = decision == "edit" ? text : null, reason, suspendedDays = decision == "suspend" ? request.Days : null });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (message is not null)
        {
            await BroadcastMessageAsync(s.Chat, message, decision, before, after, cancellationToken);
        }

        return TypedResults.Ok(new ModerationDecisionResponse(id, kind, after, resolved));
    }

    private static string Noun(string kind) => kind switch
    {
        "message" => "chat message",
        "roomRequest" => "prayer room request",
        "roomMessage" => "prayer room message",
        _ => kind,
    };

    /// <summary>What the author is told (no moderator named); the reason is appended by the caller.</summary>
    private static string Notice(string kind, string decision, int? days)
    {
        var what = Noun(kind);
        return decision switch
        {
            "approve" => $"Your {what} was approved and is now visible.",
            "reject" => $"Your {what} was removed by a moderator.",
            "edit" => $"A moderator edited your {what}; it is now visible.",
            "warn" => $"A moderator warned you about your {what}.",
            _ => $"Your {what} was removed and your account is suspended for {days} days.",
        };
    }

    private static Results<Ok<ModerationDecisionResponse>, ValidationProblem, ProblemHttpResult> Refusal(IResult refused) => refused switch
    {
        ValidationProblem invalid => invalid,
        _ => (ProblemHttpResult)refused,
    };

    /// <summary>Suspends the author through the administrators' path; a problem when that is refused.</summary>
    private static async Task<IResult?> SuspendAuthorAsync(Guid authorId, int days, string reason, ClaimsPrincipal user, ModerationServices s,
        CancellationToken cancellationToken)
    {
        var target = await s.Users.FindByIdAsync(authorId.ToString());
        if (target is not null && (await s.Users.IsInRoleAsync(target, Roles.Moderator) || await s.Users.IsInRoleAsync(target, Roles.Admin)))
        {
            return Problems.Forbidden("cannot-suspend-moderator", "Moderators and administrators cannot be suspended from the moderation queue.");
        }

        var suspended = await AdminUsersApi.SuspendAsync(authorId,
            new SuspendUserRequest { Until = s.Clock.GetUtcNow().AddDays(days), Reason = reason[..Math.Min(reason.Length, 500)] },
            user, s.Users, s.Sessions, s.Db, s.Audit, s.Clock, cancellationToken);
        return suspended.Result switch
        {
            ProblemHttpResult problem => problem,
            ValidationProblem invalid => invalid,
            _ => null,
        };
    }

    /// <summary>
    /// A decision on a held prayer room request or message: the same actions, audit and notice as for other items; an
    /// item that becomes visible is delivered to the room live, as if just sent.
    /// </summary>
    private static async Task<Results<Ok<ModerationDecisionResponse>, ValidationProblem, ProblemHttpResult>> DecideRoomItemAsync(Guid id,
        PrayerRoomRequest? roomRequest, PrayerRoomMessage? roomMessage, string decision, string? reason, string? text, int? days, ClaimsPrincipal user,
        ModerationServices s, CancellationToken cancellationToken)
    {
        var db = s.Db;
        var kind = roomRequest is not null ? "roomRequest" : "roomMessage";
        if (text is not null && text.Length > LivePrayerRooms.MaxTextLength)
        {
            return Problems.Field("text", $"A {Noun(kind)} is at most {LivePrayerRooms.MaxTextLength} characters.");
        }

        var authorId = roomRequest?.AuthorId ?? roomMessage!.AuthorId;
        var roomId = roomRequest?.RoomId ?? roomMessage!.RoomId;
        var me = user.GetUserId();
        var now = s.Clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (decision == "suspend" && await SuspendAuthorAsync(authorId, days!.Value, reason!, user, s, cancellationToken) is { } refused)
        {
            return Refusal(refused);
        }

        var before = roomRequest?.Status ?? roomMessage!.Status;
        var beforeText = roomRequest?.Text ?? roomMessage!.Text;
        var after = decision switch
        {
            "approve" or "edit" => ContentStatus.Published,
            "reject" or "suspend" => ContentStatus.Rejected,
            _ => before,
        };
        if (roomRequest is not null)
        {
            roomRequest.Status = after;
            roomRequest.Text = decision == "edit" ? text! : roomRequest.Text;
        }
        else
        {
            roomMessage!.Status = after;
            roomMessage.Text = decision == "edit" ? text! : roomMessage.Text;
        }

        var notice = Notice(kind, decision, days);
        await s.Notifier.NotifyAsync(db, new CommunityNotice(authorId, NotificationTypes.Moderation, $"moderation:{id}:{now.UtcTicks}", null, roomId,
            "prayerRoom", CommunityNotifier.Excerpt(beforeText), reason is null ? notice : $"{notice} Reason: {reason}"), me, cancellationToken);
        s.Audit.Record(db, me, $"community.moderation.{decision}", kind, id.ToString(),
            new { status = before, text = decision == "edit" ? beforeText : null },
            new { status = after, text = decision == "edit" ? text : null, reason, suspendedDays = decision == "suspend" ? days : null });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (after == ContentStatus.Published && before != ContentStatus.Published)
        {
            await s.Rooms.PublishApprovedAsync(roomRequest, roomMessage, cancellationToken);
        }

        return TypedResults.Ok(new ModerationDecisionResponse(id, kind, after, 0));
    }

    private static async Task ApplyToPostAsync(Post post, string decision, string before, string after, string? text, Guid me, DateTimeOffset now,
        ModerationServices s, CancellationToken cancellationToken)
    {
        if (decision == "edit")
        {
            s.Db.ContentEdits.Add(new ContentEdit { ItemId = post.Id, ItemKind = "post", PreviousBody = post.Body, EditedById = me, EditedAt = now });
            post.Body = text!;
            post.BodyHtml = CommunityMarkdown.ToHtml(text!);
            post.EditedAt = now;
        }

        post.Status = after;
        if (after == ContentStatus.Published && before != ContentStatus.Published)
        {
            await s.Mentions.NotifyAsync(s.Db, post, post.Body, cancellationToken);
        }
    }

    private static async Task ApplyToCommentAsync(PostComment comment, string decision, string before, string after, string? text, Guid me,
        DateTimeOffset now, ModerationServices s, CancellationToken cancellationToken)
    {
        var db = s.Db;
        if (decision == "edit")
        {
            db.ContentEdits.Add(new ContentEdit { ItemId = comment.Id, ItemKind = "comment", PreviousBody = comment.Body, EditedById = me, EditedAt = now });
            comment.Body = text!;
            comment.BodyHtml = CommunityMarkdown.ToHtml(text!);
            comment.EditedAt = now;
        }

        comment.Status = after;
        var post = await db.Posts.FirstAsync(p => p.Id == comment.PostId, cancellationToken);
        if (after == ContentStatus.Published && before != ContentStatus.Published)
        {
            post.CommentCount++;
            var parentAuthor = comment.ParentId is { } parentId
                ? await db.PostComments.Where(c => c.Id == parentId).Select(c => (Guid?)c.AuthorId).FirstOrDefaultAsync(cancellationToken)
                : null;
            await CommentsApi.NotifyPublishedAsync(db, s.Notifier, s.Mentions, post, comment, parentAuthor, cancellationToken);
        }
        else if (after != ContentStatus.Published && before == ContentStatus.Published)
        {
            post.CommentCount = Math.Max(0, post.CommentCount - 1);
        }
    }

    /// <summary>Tells the group's live chat what changed (after the save): a newly visible, edited or removed message.</summary>
    private static async Task BroadcastMessageAsync(GroupChat chat, GroupMessage message, string decision, string before, string after,
        CancellationToken cancellationToken)
    {
        if (after == ContentStatus.Published && before != ContentStatus.Published)
        {
            await chat.PublishApprovedAsync(message, cancellationToken);
        }
        else if (after != ContentStatus.Published && before == ContentStatus.Published)
        {
            await chat.PublishRemovedAsync(message, cancellationToken);
        }
        else if (decision == "edit")
        {
            await chat.PublishEditedAsync(message, cancellationToken);
        }
    }

    private static async Task<int> ResolveReportsAsync(SelahDbContext db, Guid id, string decision, Guid me, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var resolved = await db.ContentReports.Where(r => r.ItemId == id && r.ResolvedAt == null).ToListAsync(cancellationToken);
        foreach (var report in resolved)
        {
            report.ResolvedAt = now;
            report.ResolvedById = me;
            report.Resolution = decision switch
            {
                "approve" => "kept",
                "edit" => "edited",
                "warn" => "warned",
                _ => "removed",
            };
        }

        return resolved.Count;
    }
}
