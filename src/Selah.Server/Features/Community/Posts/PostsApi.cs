using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Moderation;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Posts;

/// <summary>
/// Posts: create (first-pass moderated), list with filters, the personal feed, get, edit (author, with history) and
/// soft delete (author, moderators). Items the caller may not see are 404 (existence is not revealed); items the caller
/// sees but may not change are 403.
/// </summary>
public static class PostsApi
{
    public const string PostingPolicy = "community-posts";
    internal const string CursorSort = "posts";

    public static void MapPostsApi(RouteGroupBuilder open, RouteGroupBuilder signedIn)
    {
        open.MapGet("/", ListPostsAsync).WithName("ListPosts")
            .WithSummary("Posts the caller may see, newest first, filtered by type, author or group; expired prayer requests are left out.");
        open.MapGet("/{id:guid}", GetPostAsync).WithName("GetPost").WithSummary("One post.");
        open.MapGet("/{id:guid}/edits", ListEditsAsync).WithName("ListPostEdits").WithSummary("Earlier versions of a post, newest first.");

        signedIn.MapGet("/feed", FeedAsync).WithName("GetFeed")
            .WithSummary("People and groups the caller follows, plus community highlights (announcements, much-prayed and discussed posts).");
        signedIn.MapPost("/", CreatePostAsync).WithName("CreatePost").WithSummary("Write a post; it may be held for review.")
            .RateLimited<ClaimsPrincipal>(PostingPolicy, u => u.TryGetUserId()?.ToString());
        signedIn.MapPatch("/{id:guid}", UpdatePostAsync).WithName("UpdatePost").WithSummary("Edit a post (author); the previous text is kept.")
            .RateLimited<ClaimsPrincipal>(PostingPolicy, u => u.TryGetUserId()?.ToString());
        signedIn.MapDelete("/{id:guid}", DeletePostAsync).WithName("DeletePost").WithSummary("Delete a post (author or moderator).");
    }

    public static async Task<Results<Created<PostResponse>, ValidationProblem, ProblemHttpResult>> CreatePostAsync(
        PostCreateRequest request, ClaimsPrincipal user, SelahDbContext db, ContentModerator moderator, PostMentions mentions,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var now = clock.GetUtcNow();
        var body = request.Body.Trim();
        if (body.Length == 0)
        {
            return Problems.Field("body", "Body must not be empty.");
        }

        if (request.Type == "announcement" && !CommunityAccess.IsModerator(user))
        {
            return Problems.Forbidden("announcement-not-allowed", "Only moderators and admins may post announcements.");
        }

        if (request.Anonymous && request.Type == "announcement")
        {
            return Problems.Field("anonymous", "Announcements cannot be anonymous.");
        }

        var visibility = request.Visibility ?? (request.GroupId is null ? "public" : "group");
        if (visibility == "group" && request.GroupId is null)
        {
            return Problems.Field("groupId", "A group post needs groupId.");
        }

        if (request.GroupId is { } groupId)
        {
            if (!await db.GroupMembers.AnyAsync(m => m.GroupId == groupId && m.UserId == me && !m.Pending, cancellationToken))
            {
                return Problems.Field("groupId", "You are not a member of that group.");
            }

            if (visibility != "group" && await db.CommunityGroups.AnyAsync(g => g.Id == groupId && g.IsPrivate, cancellationToken))
            {
                return Problems.Field("visibility", "Posts in a private group are visible to the group only.");
            }
        }

        DateTimeOffset? expiresAt = null;
        if (request.ExpiresAt is not null || request.ExpiresInDays is not null)
        {
            if (request.Type != "prayerRequest")
            {
                return Problems.Field(request.ExpiresAt is null ? "expiresInDays" : "expiresAt", "Only prayer requests expire.");
            }

            if (request.ExpiresAt is not null && request.ExpiresInDays is not null)
            {
                return Problems.Field("expiresAt", "Give expiresAt or expiresInDays, not both.");
            }

            expiresAt = request.ExpiresAt ?? now.AddDays(request.ExpiresInDays!.Value);
            if (expiresAt <= now || expiresAt > now.AddDays(366))
            {
                return Problems.Field("expiresAt", "expiresAt must be in the future and within a year.");
            }
        }

        var check = await CheckLinksAsync(db, request.ScriptureReferences, request.TrackId, user, cancellationToken);
        if (check is not null)
        {
            return check;
        }

        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, body, IsPost: true), CommunityAccess.IsModerator(user), cancellationToken);
        var post = new Post
        {
            AuthorId = me, Type = request.Type, Body = body, BodyHtml = CommunityMarkdown.ToHtml(body), Anonymous = request.Anonymous,
            Visibility = visibility, GroupId = request.GroupId, TrackId = request.TrackId,
            ScriptureReferences = string.Join(' ', request.ScriptureReferences?.Select(r => r.Trim()) ?? []),
            Status = verdict.Status, ModerationScore = verdict.Score, ModerationReasons = verdict.ReasonText,
            CreatedAt = now, ExpiresAt = expiresAt?.ToUniversalTime(),
        };
        db.Posts.Add(post);
        if (post.Status == ContentStatus.Published)
        {
            await mentions.NotifyAsync(db, post, body, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        var response = (await PostMapper.ToResponsesAsync(db, [post], user, now, cancellationToken))[0];
        return TypedResults.Created($"/api/v1/posts/{post.Id}", response);
    }

    public static async Task<Results<Ok<CommunityPage<PostResponse>>, ValidationProblem>> ListPostsAsync(
        [AsParameters] PostListQuery query, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.TryGetUserId();
        var now = clock.GetUtcNow();
        var posts = CommunityAccess.Listable(db, user);
        if (query.Type is { } type)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(type, CommunityValues.PostTypePattern))
            {
                return Problems.Field("type", "Type must be testimony, prayerRequest, praiseReport, question, announcement or general.");
            }

            posts = posts.Where(p => p.Type == type);
        }

        if (query.Author is { } author)
        {
            var seesAnonymous = author == me || CommunityAccess.IsModerator(user);
            posts = posts.Where(p => p.AuthorId == author && (seesAnonymous || !p.Anonymous));
        }

        if (query.Group is { } group)
        {
            posts = posts.Where(p => p.GroupId == group);
        }

        if (query.Author is null || query.Author != me)
        {
            posts = posts.Where(p => p.ExpiresAt == null || p.ExpiresAt > now);
        }

        return await PageAsync(db, posts, query.Cursor, query.Limit, user, now, cancellationToken);
    }

    public static async Task<Results<Ok<CommunityPage<PostResponse>>, ValidationProblem>> FeedAsync(
        [AsParameters] PostListQuery query, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var now = clock.GetUtcNow();
        const int highlight = 5;
        // Followed people's anonymous posts are not "theirs" in the feed: showing them there would reveal the author.
        var posts = CommunityAccess.Listable(db, user)
            .Where(p => p.ExpiresAt == null || p.ExpiresAt > now)
            .Where(p => p.AuthorId == me
                || (!p.Anonymous && db.UserFollows.Any(f => f.FollowerId == me && f.FolloweeId == p.AuthorId))
                || (p.GroupId != null && db.GroupMembers.Any(m => m.GroupId == p.GroupId && m.UserId == me && !m.Pending))
                || (p.Visibility != "group" && (p.Type == "announcement" || p.PrayedCount + p.CommentCount >= highlight)));
        if (query.Type is { } type)
        {
            posts = posts.Where(p => p.Type == type);
        }

        return await PageAsync(db, posts, query.Cursor, query.Limit, user, now, cancellationToken);
    }

    private static async Task<Results<Ok<CommunityPage<PostResponse>>, ValidationProblem>> PageAsync(
        SelahDbContext db, IQueryable<Post> posts, string? cursorText, int? requestedLimit, ClaimsPrincipal user, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(requestedLimit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        if (!string.IsNullOrEmpty(cursorText))
        {
            if (!CatalogCursor.TryDecode(cursorText, CursorSort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var after = cursor.Id;
            posts = posts.Where(p => p.Id.CompareTo(after) < 0);
        }

        var page = await posts.AsNoTracking().OrderByDescending(p => p.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For(CursorSort, page[limit - 1].Id).Encode() : null;
        var items = await PostMapper.ToResponsesAsync(db, page.Take(limit).ToList(), user, now, cancellationToken);
        return TypedResults.Ok(new CommunityPage<PostResponse>(items, next));
    }

    public static async Task<Results<Ok<PostResponse>, ProblemHttpResult>> GetPostAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var post = await CommunityAccess.Readable(db, user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        return post is null
            ? Problems.NotFound("The post")
            : TypedResults.Ok((await PostMapper.ToResponsesAsync(db, [post], user, clock.GetUtcNow(), cancellationToken))[0]);
    }

    public static async Task<Results<Ok<IReadOnlyList<ContentEditResponse>>, ProblemHttpResult>> ListEditsAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!await CommunityAccess.Readable(db, user).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("The post");
        }

        IReadOnlyList<ContentEditResponse> edits = await db.ContentEdits.Where(e => e.ItemId == id).OrderByDescending(e => e.Id)
            .Select(e => new ContentEditResponse(e.PreviousBody, e.EditedAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(edits);
    }

    public static async Task<Results<Ok<PostResponse>, ValidationProblem, ProblemHttpResult>> UpdatePostAsync(
        Guid id, PostUpdateRequest request, ClaimsPrincipal user, SelahDbContext db, ContentModerator moderator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The post");
        }

        if (post.AuthorId != me)
        {
            return Problems.Forbidden("not-your-post", "Only the author may edit a post.");
        }

        var check = await CheckLinksAsync(db, request.ScriptureReferences, request.TrackId, user, cancellationToken);
        if (check is not null)
        {
            return check;
        }

        var now = clock.GetUtcNow();
        if (request.Body is { } raw)
        {
            var body = raw.Trim();
            if (body.Length == 0)
            {
                return Problems.Field("body", "Body must not be empty.");
            }

            if (body != post.Body)
            {
                db.ContentEdits.Add(new ContentEdit { ItemId = post.Id, ItemKind = "post", PreviousBody = post.Body, EditedById = me, EditedAt = now });
                post.Body = body;
                post.BodyHtml = CommunityMarkdown.ToHtml(body);
                post.EditedAt = now;
                var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, body, true, post.Id), CommunityAccess.IsModerator(user), cancellationToken);
                post.ModerationScore = verdict.Score;
                post.ModerationReasons = verdict.ReasonText;
                if (verdict.Held && post.Status == ContentStatus.Published)
                {
                    post.Status = ContentStatus.Held; // an edit that trips the first pass goes back to review
                }
            }
        }

        if (request.ScriptureReferences is { } references)
        {
            post.ScriptureReferences = string.Join(' ', references.Select(r => r.Trim()));
        }

        if (request.TrackId is { } trackId)
        {
            post.TrackId = trackId == Guid.Empty ? null : trackId;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await PostMapper.ToResponsesAsync(db, [post], user, now, cancellationToken))[0]);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePostAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The post");
        }

        var moderator = CommunityAccess.IsModerator(user);
        if (post.AuthorId != me && !moderator)
        {
            return Problems.Forbidden("not-your-post", "Only the author or a moderator may delete a post.");
        }

        post.DeletedAt = clock.GetUtcNow();
        post.DeletedById = me;
        if (post.AuthorId != me)
        {
            audit.Record(db, me, "community.post.delete", "post", post.Id.ToString(), new { post.Status, post.Body }, new { deleted = true });
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Scripture references must be OSIS; a linked track must exist and be visible to the author.</summary>
    private static async Task<ValidationProblem?> CheckLinksAsync(
        SelahDbContext db, IReadOnlyList<string>? references, Guid? trackId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (references?.Any(r => r is null || !OsisReferences.IsValid(r.Trim())) == true)
        {
            return Problems.Field("scriptureReferences", "Scripture references must be OSIS, e.g. Ps.23 or John.3.16-John.3.18.");
        }

        if (trackId is { } id && id != Guid.Empty)
        {
            var track = await db.Tracks.AsNoTracking().Include(t => t.Artist).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
            if (track is null || !CatalogAccess.CanView(track, user))
            {
                return Problems.Field("trackId", "No such track.");
            }
        }

        return null;
    }
}
