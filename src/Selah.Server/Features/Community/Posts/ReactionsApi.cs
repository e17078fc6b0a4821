using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Posts;

/// <summary>Reactions (amen, praying, love, like; one of each kind per person) and reports of posts and comments.</summary>
public static class ReactionsApi
{
    public static void MapReactionsApi(RouteGroupBuilder open, RouteGroupBuilder signedIn)
    {
        open.MapGet("/{id:guid}/reactions", GetReactionsAsync).WithName("GetReactions").WithSummary("Reaction counts and the caller's own.");
        signedIn.MapPost("/{id:guid}/reactions", ReactAsync).WithName("React").WithSummary("Add a reaction (idempotent).");
        signedIn.MapDelete("/{id:guid}/reactions/{kind}", UnreactAsync).WithName("Unreact").WithSummary("Remove one of your reactions.");
        signedIn.MapPost("/{id:guid}/report", ReportPostAsync).WithName("ReportPost")
            .WithSummary("Report a post to the moderators (once per person while open).");
        signedIn.MapPost("/{id:guid}/comments/{commentId:guid}/report", ReportCommentAsync).WithName("ReportComment")
            .WithSummary("Report a comment to the moderators (once per person while open).");
    }

    public static async Task<Results<Ok<ReactionsResponse>, ProblemHttpResult>> GetReactionsAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!await CommunityAccess.Readable(db, user).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("The post");
        }

        return TypedResults.Ok(await ReadAsync(db, id, user.TryGetUserId(), cancellationToken));
    }

    public static async Task<Results<Ok<ReactionsResponse>, ValidationProblem, ProblemHttpResult>> ReactAsync(
        Guid id, ReactionRequest request, ClaimsPrincipal user, SelahDbContext db, CommunityNotifier notifier, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null || post.Status != ContentStatus.Published)
        {
            return Problems.NotFound("The post");
        }

        if (!await db.PostReactions.AnyAsync(r => r.PostId == id && r.UserId == me && r.Kind == request.Kind, cancellationToken))
        {
            db.PostReactions.Add(new PostReaction { PostId = id, UserId = me, Kind = request.Kind, CreatedAt = clock.GetUtcNow() });
            await notifier.NotifyAsync(db, new CommunityNotice(post.AuthorId, NotificationTypes.Reaction, $"reaction:{id}", me, id, "post",
                CommunityNotifier.Excerpt(post.Body)), me, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // the same reaction at the same moment: already there
            }
        }

        return TypedResults.Ok(await ReadAsync(db, id, me, cancellationToken));
    }

    public static async Task<Results<Ok<ReactionsResponse>, ValidationProblem, ProblemHttpResult>> UnreactAsync(
        Guid id, string kind, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!CommunityValues.ReactionKinds.Contains(kind))
        {
            return Problems.Field("kind", "Kind must be amen, praying, love or like.");
        }

        if (!await CommunityAccess.Readable(db, user).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("The post");
        }

        await db.PostReactions.Where(r => r.PostId == id && r.UserId == me && r.Kind == kind).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, id, me, cancellationToken));
    }

    private static async Task<ReactionsResponse> ReadAsync(SelahDbContext db, Guid id, Guid? me, CancellationToken cancellationToken)
    {
        var counts = await db.PostReactions.Where(r => r.PostId == id).GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var mine = me is { } user
            ? await db.PostReactions.Where(r => r.PostId == id && r.UserId == user).Select(r => r.Kind).OrderBy(k => k).ToListAsync(cancellationToken)
            : [];
        return new ReactionsResponse(
            new ReactionCounts(counts.GetValueOrDefault("amen"), counts.GetValueOrDefault("praying"), counts.GetValueOrDefault("love"), counts.GetValueOrDefault("like")),
            mine);
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReportPostAsync(
        Guid id, ReportRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await CommunityAccess.Readable(db, user).AnyAsync(p => p.Id == id, cancellationToken))
        {
            return Problems.NotFound("The post");
        }

        return await ReportAsync(db, id, "post", request, user.GetUserId(), clock, cancellationToken);
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReportCommentAsync(
        Guid id, Guid commentId, ReportRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!await CommunityAccess.Readable(db, user).AnyAsync(p => p.Id == id, cancellationToken)
            || !await CommentsApi.Visible(db, user).AnyAsync(c => c.Id == commentId && c.PostId == id, cancellationToken))
        {
            return Problems.NotFound("The comment");
        }

        return await ReportAsync(db, commentId, "comment", request, me, clock, cancellationToken);
    }

    private static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ReportAsync(
        SelahDbContext db, Guid itemId, string kind, ReportRequest request, Guid me, TimeProvider clock, CancellationToken cancellationToken)
    {
        var reason = request.Reason.Trim();
        if (reason.Length == 0)
        {
            return Problems.Field("reason", "Reason must not be empty.");
        }

        if (!await db.ContentReports.AnyAsync(r => r.ItemId == itemId && r.ReporterId == me && r.ResolvedAt == null, cancellationToken))
        {
            db.ContentReports.Add(new ContentReport { ItemId = itemId, ItemKind = kind, ReporterId = me, Reason = reason, CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Accepted((string?)null);
    }
}
