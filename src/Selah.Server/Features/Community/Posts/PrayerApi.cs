using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Posts;

/// <summary>
/// "I prayed" (once per person; repeating it changes nothing), who prayed (the request's author and moderators; those who
/// prayed anonymously are only counted) and marking a request answered.
/// </summary>
public static class PrayerApi
{
    public static void MapPrayerApi(RouteGroupBuilder signedIn)
    {
        signedIn.MapPost("/{id:guid}/prayed", PrayAsync).WithName("Prayed")
            .WithSummary("I prayed for this request. Idempotent; {anonymous: true} keeps your name from the author.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        signedIn.MapGet("/{id:guid}/prayed", ListPrayersAsync).WithName("ListPrayers")
            .WithSummary("Who prayed (the request's author and moderators); anonymous prayers are counted, not named.");
        signedIn.MapPost("/{id:guid}/answered", MarkAnsweredAsync).WithName("MarkPrayerAnswered")
            .WithSummary("Mark your prayer request answered, with an update.").ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Results<Ok<PrayedResponse>, ValidationProblem, ProblemHttpResult>> PrayAsync(
        Guid id, PrayedRequest? request, ClaimsPrincipal user, SelahDbContext db, CommunityNotifier notifier, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The prayer request");
        }

        if (post.Type != "prayerRequest")
        {
            return Problems.Conflict("not-a-prayer-request", "Only prayer requests can be prayed for.");
        }

        if (post.Status != ContentStatus.Published)
        {
            return Problems.Conflict("not-published", "This request is not published yet.");
        }

        var anonymous = request?.Anonymous ?? false;
        if (!await db.PostPrayers.AnyAsync(p => p.PostId == id && p.UserId == me, cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.PostPrayers.Add(new PostPrayer { PostId = id, UserId = me, Anonymous = anonymous, CreatedAt = clock.GetUtcNow() });
            await notifier.NotifyAsync(db, new CommunityNotice(post.AuthorId, NotificationTypes.Prayed, $"prayed:{id}", anonymous ? null : me,
                id, "post", CommunityNotifier.Excerpt(post.Body)), me, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await db.Posts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PrayedCount, p => p.PrayedCount + 1), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Prayed twice at the same moment: the other request counted it.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }

        var count = await db.Posts.Where(p => p.Id == id).Select(p => p.PrayedCount).FirstAsync(cancellationToken);
        return TypedResults.Ok(new PrayedResponse(count, true));
    }

    public static async Task<Results<Ok<PrayersResponse>, ProblemHttpResult>> ListPrayersAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The prayer request");
        }

        if (post.AuthorId != me && !CommunityAccess.IsModerator(user))
        {
            return Problems.Forbidden("not-your-request", "Only the request's author sees who prayed.");
        }

        var prayers = await db.PostPrayers.Where(p => p.PostId == id).OrderByDescending(p => p.CreatedAt).Take(500)
            .Select(p => new { p.UserId, p.Anonymous, p.CreatedAt }).ToListAsync(cancellationToken);
        var named = prayers.Where(p => !p.Anonymous).ToList();
        var names = await PostMapper.UserNamesAsync(db, named.Select(p => p.UserId).ToList(), cancellationToken);
        var total = await db.PostPrayers.CountAsync(p => p.PostId == id, cancellationToken);
        return TypedResults.Ok(new PrayersResponse(total, prayers.Count - named.Count,
            named.Select(p => new PrayerResponse(new CommunityUser(p.UserId, names.GetValueOrDefault(p.UserId, "")), p.CreatedAt)).ToList()));
    }

    public static async Task<Results<Ok<PostResponse>, ValidationProblem, ProblemHttpResult>> MarkAnsweredAsync(
        Guid id, PrayerAnsweredRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var post = await CommunityAccess.Readable(db, user).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (post is null)
        {
            return Problems.NotFound("The prayer request");
        }

        if (post.AuthorId != me)
        {
            return Problems.Forbidden("not-your-request", "Only the request's author may mark it answered.");
        }

        if (post.Type != "prayerRequest")
        {
            return Problems.Conflict("not-a-prayer-request", "Only prayer requests can be answered.");
        }

        var update = request.Update.Trim();
        if (update.Length == 0)
        {
            return Problems.Field("update", "Update must not be empty.");
        }

        var now = clock.GetUtcNow();
        post.AnsweredAt = now;
        post.AnswerText = update;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await PostMapper.ToResponsesAsync(db, [post], user, now, cancellationToken))[0]);
    }
}
