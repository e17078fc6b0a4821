using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Social;

/// <summary>
/// Follow, block and mute people. Blocking removes follows both ways and hides each one's content from the other;
/// a blocked person cannot follow the blocker. Muting hides a person's (named) posts from the muter's lists and feed.
/// </summary>
public static class SocialApi
{
    public static void MapSocialApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Community").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/{id:guid}/follow", FollowAsync).WithName("FollowUser").WithSummary("Follow a person (idempotent).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapDelete("/{id:guid}/follow", UnfollowAsync).WithName("UnfollowUser").WithSummary("Stop following a person.");
        users.MapGet("/{id:guid}/relationship", RelationshipAsync).WithName("GetRelationship").WithSummary("Follow, block and mute state with a person.");
        users.MapGet("/{id:guid}/followers", FollowersAsync).WithName("ListFollowers").WithSummary("People who follow this person, newest first.");
        users.MapGet("/{id:guid}/following", FollowingAsync).WithName("ListFollowing").WithSummary("People this person follows, newest first.");
        users.MapPost("/{id:guid}/block", (Guid id, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken ct) =>
            RestrictAsync(id, UserRestriction.Block, user, db, clock, ct)).WithName("BlockUser").WithSummary("Block a person: their content is hidden both ways.");
        users.MapDelete("/{id:guid}/block", (Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken ct) =>
            UnrestrictAsync(id, UserRestriction.Block, user, db, ct)).WithName("UnblockUser").WithSummary("Unblock a person.");
        users.MapPost("/{id:guid}/mute", (Guid id, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken ct) =>
            RestrictAsync(id, UserRestriction.Mute, user, db, clock, ct)).WithName("MuteUser").WithSummary("Mute a person: their posts leave your lists and feed.");
        users.MapDelete("/{id:guid}/mute", (Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken ct) =>
            UnrestrictAsync(id, UserRestriction.Mute, user, db, ct)).WithName("UnmuteUser").WithSummary("Unmute a person.");
    }

    public static async Task<Results<Ok<RelationshipResponse>, ProblemHttpResult>> FollowAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CommunityNotifier notifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound("The user");
        }

        if (id == me)
        {
            return Problems.Conflict("cannot-follow-self", "You cannot follow yourself.");
        }

        if (await db.UserRestrictions.AnyAsync(r => r.Kind == UserRestriction.Block && ((r.UserId == me && r.OtherId == id) || (r.UserId == id && r.OtherId == me)), cancellationToken))
        {
            return Problems.Conflict("blocked", "You cannot follow this person.");
        }

        if (!await db.UserFollows.AnyAsync(f => f.FollowerId == me && f.FolloweeId == id, cancellationToken))
        {
            db.UserFollows.Add(new UserFollow { FollowerId = me, FolloweeId = id, CreatedAt = clock.GetUtcNow() });
            await notifier.NotifyAsync(db, new CommunityNotice(id, NotificationTypes.Follow, "follow", me, me, "user"), me, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        return TypedResults.Ok(await ReadAsync(db, me, id, cancellationToken));
    }

    public static async Task<Results<Ok<RelationshipResponse>, ProblemHttpResult>> UnfollowAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound("The user");
        }

        await db.UserFollows.Where(f => f.FollowerId == me && f.FolloweeId == id).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, me, id, cancellationToken));
    }

    public static async Task<Results<Ok<RelationshipResponse>, ProblemHttpResult>> RelationshipAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound("The user");
        }

        return TypedResults.Ok(await ReadAsync(db, user.GetUserId(), id, cancellationToken));
    }

    public static async Task<Results<Ok<RelationshipResponse>, ProblemHttpResult>> RestrictAsync(
        Guid id, string kind, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound("The user");
        }

        if (id == me)
        {
            return Problems.Conflict("cannot-restrict-self", $"You cannot {kind} yourself.");
        }

        if (!await db.UserRestrictions.AnyAsync(r => r.UserId == me && r.OtherId == id && r.Kind == kind, cancellationToken))
        {
            db.UserRestrictions.Add(new UserRestriction { UserId = me, OtherId = id, Kind = kind, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
            }
        }

        if (kind == UserRestriction.Block)
        {
            await db.UserFollows.Where(f => (f.FollowerId == me && f.FolloweeId == id) || (f.FollowerId == id && f.FolloweeId == me)).ExecuteDeleteAsync(cancellationToken);
        }

        return TypedResults.Ok(await ReadAsync(db, me, id, cancellationToken));
    }

    public static async Task<Results<Ok<RelationshipResponse>, ProblemHttpResult>> UnrestrictAsync(
        Guid id, string kind, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound("The user");
        }

        await db.UserRestrictions.Where(r => r.UserId == me && r.OtherId == id && r.Kind == kind).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.Ok(await ReadAsync(db, me, id, cancellationToken));
    }

    public static Task<Results<Ok<CommunityPage<FollowResponse>>, ValidationProblem, ProblemHttpResult>> FollowersAsync(
        Guid id, [AsParameters] UserListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken) =>
        ListAsync(db, id, query, user, followers: true, cancellationToken);

    public static Task<Results<Ok<CommunityPage<FollowResponse>>, ValidationProblem, ProblemHttpResult>> FollowingAsync(
        Guid id, [AsParameters] UserListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken) =>
        ListAsync(db, id, query, user, followers: false, cancellationToken);

    private static async Task<Results<Ok<CommunityPage<FollowResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        SelahDbContext db, Guid id, UserListQuery query, ClaimsPrincipal user, bool followers, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!await db.Users.AnyAsync(u => u.Id == id, cancellationToken))
        {
            return Problems.NotFound("The user");
        }

        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var sort = followers ? "followers" : "following";
        var follows = db.UserFollows.AsNoTracking();
        var rows = (followers
                ? follows.Where(f => f.FolloweeId == id).Select(f => new { Other = f.FollowerId, f.CreatedAt })
                : follows.Where(f => f.FollowerId == id).Select(f => new { Other = f.FolloweeId, f.CreatedAt }))
            // Blocked people (either way) are left out of each other's lists.
            .Where(x => !db.UserRestrictions.Any(r => r.Kind == UserRestriction.Block
                && ((r.UserId == me && r.OtherId == x.Other) || (r.UserId == x.Other && r.OtherId == me))));
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, sort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var after = cursor.Id;
            rows = rows.Where(x => x.Other.CompareTo(after) < 0);
        }

        var page = await rows.OrderByDescending(x => x.Other).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For(sort, page[limit - 1].Other).Encode() : null;
        page = page.Take(limit).ToList();
        var names = await PostMapper.UserNamesAsync(db, page.Select(x => x.Other).ToList(), cancellationToken);
        return TypedResults.Ok(new CommunityPage<FollowResponse>(
            page.Select(x => new FollowResponse(new CommunityUser(x.Other, names.GetValueOrDefault(x.Other, "")), x.CreatedAt)).ToList(), next));
    }

    private static async Task<RelationshipResponse> ReadAsync(SelahDbContext db, Guid me, Guid other, CancellationToken cancellationToken)
    {
        var kinds = await db.UserRestrictions.Where(r => r.UserId == me && r.OtherId == other).Select(r => r.Kind).ToListAsync(cancellationToken);
        return new RelationshipResponse(
            other,
            await db.UserFollows.AnyAsync(f => f.FollowerId == me && f.FolloweeId == other, cancellationToken),
            kinds.Contains(UserRestriction.Block),
            kinds.Contains(UserRestriction.Mute),
            await db.UserFollows.CountAsync(f => f.FolloweeId == other, cancellationToken),
            await db.UserFollows.CountAsync(f => f.FollowerId == other, cancellationToken));
    }
}
