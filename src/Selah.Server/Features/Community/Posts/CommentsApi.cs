using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Moderation;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Social;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Posts;

/// <summary>
/// Comments, two levels deep: a top-level comment and its replies. A reply to a reply is attached to that reply's
/// top-level comment (so no reply is ever lost). Top-level comments are listed oldest first and keyset-paged, each
/// with all its replies. A deleted comment with replies stays as an empty "deleted" placeholder.
/// </summary>
public static class CommentsApi
{
    public const string CommentingPolicy = "community-comments";
    private const string CursorSort = "comments";

    public static void MapCommentsApi(RouteGroupBuilder open, RouteGroupBuilder signedIn)
    {
        open.MapGet("/{id:guid}/comments", ListCommentsAsync).WithName("ListComments").WithSummary("Comments with their replies, oldest first.");
        open.MapGet("/{id:guid}/comments/{commentId:guid}/edits", ListCommentEditsAsync).WithName("ListCommentEdits")
            .WithSummary("Earlier versions of a comment, newest first.");
        signedIn.MapPost("/{id:guid}/comments", CreateCommentAsync).WithName("CreateComment")
            .WithSummary("Comment on a post, or reply to a comment (parentId); may be held for review.")
            .RateLimited<ClaimsPrincipal>(CommentingPolicy, u => u.TryGetUserId()?.ToString());
        signedIn.MapPatch("/{id:guid}/comments/{commentId:guid}", UpdateCommentAsync).WithName("UpdateComment")
            .WithSummary("Edit your comment; the previous text is kept.")
            .RateLimited<ClaimsPrincipal>(CommentingPolicy, u => u.TryGetUserId()?.ToString());
        signedIn.MapDelete("/{id:guid}/comments/{commentId:guid}", DeleteCommentAsync).WithName("DeleteComment")
            .WithSummary("Delete a comment (its author or a moderator).");
    }

    /// <summary>Comments the caller may see: published (or their own, or any for moderators), not from blocked people.</summary>
    public static IQueryable<PostComment> Visible(SelahDbContext db, ClaimsPrincipal user)
    {
        var comments = db.PostComments.AsQueryable();
        if (user.TryGetUserId() is not { } me)
        {
            return comments.Where(c => c.Status == ContentStatus.Published);
        }

        if (CommunityAccess.IsModerator(user))
        {
            return comments;
        }

        return comments.Where(c => c.Status == ContentStatus.Published || c.AuthorId == me)
            .Where(c => c.AuthorId == me || !db.UserRestrictions.Any(r => r.Kind == UserRestriction.Block
                && ((r.UserId == me && r.OtherId == c.AuthorId) || (r.UserId == c.AuthorId && r.OtherId == me))));
    }

    public static async Task<Results<Ok<CommunityPage<CommentResponse>>, ValidationProblem, ProblemHttpResult>> ListCommentsAsync(
        Guid id, [AsParameters] CommentListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var post = await CommunityAccess.Readable(db, user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The post");
        }

        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var tops = Visible(db, user).Where(c => c.PostId == id && c.ParentId == null);
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, CursorSort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var after = cursor.Id;
            tops = tops.Where(c => c.Id.CompareTo(after) > 0);
        }

        var page = await tops.AsNoTracking().OrderBy(c => c.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For(CursorSort, page[limit - 1].Id).Encode() : null;
        page = page.Take(limit).ToList();
        var topIds = page.Select(c => c.Id).ToList();
        var replies = await Visible(db, user).AsNoTracking().Where(c => c.ParentId != null && topIds.Contains(c.ParentId.Value) && c.DeletedAt == null)
            .OrderBy(c => c.Id).ToListAsync(cancellationToken);
        // A deleted top-level comment stays as a placeholder only while it has replies.
        page = page.Where(c => c.DeletedAt == null || replies.Any(r => r.ParentId == c.Id)).ToList();
        var items = await ToResponsesAsync(db, post, page, replies, user, cancellationToken);
        return TypedResults.Ok(new CommunityPage<CommentResponse>(items, next));
    }

    public static async Task<Results<Created<CommentResponse>, ValidationProblem, ProblemHttpResult>> CreateCommentAsync(
        Guid id, CommentCreateRequest request, ClaimsPrincipal user, SelahDbContext db, ContentModerator moderator, CommunityNotifier notifier,
        PostMentions mentions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The post");
        }

        if (post.Status != ContentStatus.Published)
        {
            return Problems.Conflict("not-published", "Comments open once the post is published.");
        }

        var body = request.Body.Trim();
        if (body.Length == 0)
        {
            return Problems.Field("body", "Body must not be empty.");
        }

        PostComment? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await Visible(db, user).AsNoTracking().FirstOrDefaultAsync(c => c.Id == parentId && c.PostId == id && c.DeletedAt == null, cancellationToken);
            if (parent is null)
            {
                return Problems.Field("parentId", "No such comment on this post.");
            }

            if (parent.ParentId is { } top)
            {
                parent = await db.PostComments.AsNoTracking().FirstAsync(c => c.Id == top, cancellationToken);
            }
        }

        var now = clock.GetUtcNow();
        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, body, IsPost: false), CommunityAccess.IsModerator(user), cancellationToken);
        var comment = new PostComment
        {
            PostId = id, AuthorId = me, ParentId = parent?.Id, Body = body, BodyHtml = CommunityMarkdown.ToHtml(body), Status = verdict.Status,
            ModerationScore = verdict.Score, ModerationReasons = verdict.ReasonText, CreatedAt = now,
        };
        db.PostComments.Add(comment);
        if (comment.Status == ContentStatus.Published)
        {
            post.CommentCount++;
            await NotifyPublishedAsync(db, notifier, mentions, post, comment, parent?.AuthorId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        var response = (await ToResponsesAsync(db, post, [comment], [], user, cancellationToken))[0];
        return TypedResults.Created($"/api/v1/posts/{id}/comments/{comment.Id}", response);
    }

    /// <summary>Tells the post's author, the replied-to comment's author and anyone mentioned (the anonymous author stays unnamed).</summary>
    public static async Task NotifyPublishedAsync(
        SelahDbContext db, CommunityNotifier notifier, PostMentions mentions, Post post, PostComment comment, Guid? parentAuthorId,
        CancellationToken cancellationToken)
    {
        var actor = post.Anonymous && comment.AuthorId == post.AuthorId ? (Guid?)null : comment.AuthorId;
        var excerpt = CommunityNotifier.Excerpt(post.Body);
        await notifier.NotifyAsync(db, new CommunityNotice(post.AuthorId, NotificationTypes.Comment, $"comment:{post.Id}", actor, post.Id, "post", excerpt),
            comment.AuthorId, cancellationToken);
        if (parentAuthorId is { } parentAuthor && parentAuthor != post.AuthorId)
        {
            await notifier.NotifyAsync(db, new CommunityNotice(parentAuthor, NotificationTypes.Reply, $"reply:{comment.ParentId}", actor, post.Id, "post", excerpt),
                comment.AuthorId, cancellationToken);
        }

        await mentions.NotifyAsync(db, post, comment.Body, cancellationToken, comment.AuthorId);
    }

    public static async Task<Results<Ok<CommentResponse>, ValidationProblem, ProblemHttpResult>> UpdateCommentAsync(
        Guid id, Guid commentId, CommentUpdateRequest request, ClaimsPrincipal user, SelahDbContext db, ContentModerator moderator,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var comment = post is null ? null
            : await Visible(db, user).FirstOrDefaultAsync(c => c.Id == commentId && c.PostId == id && c.DeletedAt == null, cancellationToken);
        if (post is null || comment is null)
        {
            return Problems.NotFound("The comment");
        }

        if (comment.AuthorId != me)
        {
            return Problems.Forbidden("not-your-comment", "Only the author may edit a comment.");
        }

        var body = request.Body.Trim();
        if (body.Length == 0)
        {
            return Problems.Field("body", "Body must not be empty.");
        }

        var now = clock.GetUtcNow();
        if (body != comment.Body)
        {
            db.ContentEdits.Add(new ContentEdit { ItemId = comment.Id, ItemKind = "comment", PreviousBody = comment.Body, EditedById = me, EditedAt = now });
            comment.Body = body;
            comment.BodyHtml = CommunityMarkdown.ToHtml(body);
            comment.EditedAt = now;
            var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, body, false, comment.Id), CommunityAccess.IsModerator(user), cancellationToken);
            comment.ModerationScore = verdict.Score;
            comment.ModerationReasons = verdict.ReasonText;
            if (verdict.Held && comment.Status == ContentStatus.Published)
            {
                comment.Status = ContentStatus.Held;
                post.CommentCount = Math.Max(0, post.CommentCount - 1);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await ToResponsesAsync(db, post, [comment], [], user, cancellationToken))[0]);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteCommentAsync(
        Guid id, Guid commentId, ClaimsPrincipal user, SelahDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var comment = post is null ? null
            : await Visible(db, user).FirstOrDefaultAsync(c => c.Id == commentId && c.PostId == id && c.DeletedAt == null, cancellationToken);
        if (post is null || comment is null)
        {
            return Problems.NotFound("The comment");
        }

        if (comment.AuthorId != me && !CommunityAccess.IsModerator(user))
        {
            return Problems.Forbidden("not-your-comment", "Only the author or a moderator may delete a comment.");
        }

        comment.DeletedAt = clock.GetUtcNow();
        comment.DeletedById = me;
        if (comment.Status == ContentStatus.Published)
        {
            post.CommentCount = Math.Max(0, post.CommentCount - 1);
        }

        if (comment.AuthorId != me)
        {
            audit.Record(db, me, "community.comment.delete", "comment", comment.Id.ToString(), new { comment.Status, comment.Body }, new { deleted = true });
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<IReadOnlyList<ContentEditResponse>>, ProblemHttpResult>> ListCommentEditsAsync(
        Guid id, Guid commentId, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!await CommunityAccess.Readable(db, user).AnyAsync(p => p.Id == id, cancellationToken)
            || !await Visible(db, user).AnyAsync(c => c.Id == commentId && c.PostId == id && c.DeletedAt == null, cancellationToken))
        {
            return Problems.NotFound("The comment");
        }

        IReadOnlyList<ContentEditResponse> edits = await db.ContentEdits.Where(e => e.ItemId == commentId).OrderByDescending(e => e.Id)
            .Select(e => new ContentEditResponse(e.PreviousBody, e.EditedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(edits);
    }

    private static async Task<List<CommentResponse>> ToResponsesAsync(
        SelahDbContext db, Post post, IReadOnlyList<PostComment> tops, IReadOnlyList<PostComment> replies, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var me = user.TryGetUserId();
        var authorIds = tops.Concat(replies).Where(c => CommunityAccess.MaySeeCommentAuthor(post, c, user)).Select(c => c.AuthorId).Distinct().ToList();
        var names = await PostMapper.UserNamesAsync(db, authorIds, cancellationToken);

        CommentResponse Map(PostComment c, IReadOnlyList<CommentResponse> children)
        {
            var deleted = c.DeletedAt is not null;
            var author = !deleted && CommunityAccess.MaySeeCommentAuthor(post, c, user) && names.TryGetValue(c.AuthorId, out var name)
                ? new CommunityUser(c.AuthorId, name) : null;
            return new CommentResponse(c.Id, c.PostId, c.ParentId, deleted ? "" : c.Body, deleted ? "" : c.BodyHtml, author,
                !deleted && me == c.AuthorId, !deleted && c.AuthorId == post.AuthorId, c.Status, c.Status == ContentStatus.Held,
                c.CreatedAt, c.EditedAt, deleted, children);
        }

        return tops.Select(t => Map(t, replies.Where(r => r.ParentId == t.Id).Select(r => Map(r, [])).ToList())).ToList();
    }
}
