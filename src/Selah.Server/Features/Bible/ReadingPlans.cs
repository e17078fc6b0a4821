using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Bible;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Bible;

/// <summary>The built-in plans, generated from the canon: chapters spread evenly over the days.</summary>
public static class BuiltInPlans
{
    public sealed record Definition(string Slug, string Name, string Description, IReadOnlyList<IReadOnlyList<string>> Days);

    public static IReadOnlyList<Definition> All { get; } =
    [
        new("bible-in-a-year", "Bible in a year", "All 1,189 chapters from Genesis to Revelation in 365 days.",
            Spread(BibleBooks.All, 365)),
        new("psalms-in-30-days", "Psalms in 30 days", "The 150 psalms, five a day, for a month.",
            Spread([BibleBooks.Get("Ps")], 30)),
        new("gospels-in-40-days", "Gospels in 40 days", "Matthew, Mark, Luke and John in forty days.",
            Spread([BibleBooks.Get("Matt"), BibleBooks.Get("Mark"), BibleBooks.Get("Luke"), BibleBooks.Get("John")], 40)),
    ];

    /// <summary>The books' chapters divided into <paramref name="days"/> nearly equal runs, each written as OSIS chapter ranges.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Spread(IReadOnlyList<BibleBook> books, int days)
    {
        var chapters = books.SelectMany(b => Enumerable.Range(1, b.ChapterCount).Select(c => (Book: b, Chapter: c))).ToList();
        var plan = new List<IReadOnlyList<string>>(days);
        for (var d = 0; d < days; d++)
        {
            var from = (int)((long)d * chapters.Count / days);
            var to = (int)((long)(d + 1) * chapters.Count / days);
            var passages = new List<string>();
            foreach (var run in chapters.Skip(from).Take(to - from).GroupBy(c => c.Book))
            {
                var first = run.First().Chapter;
                var last = run.Last().Chapter;
                passages.Add(first == last ? $"{run.Key.OsisId}.{first}" : $"{run.Key.OsisId}.{first}-{run.Key.OsisId}.{last}");
            }

            plan.Add(passages);
        }

        return plan;
    }
}

/// <summary>Adds the built-in plans that are missing (by slug). Idempotent.</summary>
public sealed class ReadingPlanSeeder(SelahDbContext db, TimeProvider clock) : IStartupSeeder
{
    public int Order => 160;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var present = await db.ReadingPlans.Select(p => p.Slug).ToListAsync(cancellationToken);
        foreach (var definition in BuiltInPlans.All.Where(d => !present.Contains(d.Slug)))
        {
            var plan = new ReadingPlan
            {
                Id = Guid.CreateVersion7(), Slug = definition.Slug, Name = definition.Name, Description = definition.Description,
                DayCount = definition.Days.Count, BuiltIn = true, CreatedAt = clock.GetUtcNow(),
            };
            plan.Days.AddRange(definition.Days.Select((p, i) => new ReadingPlanDay { PlanId = plan.Id, Day = i + 1, Passages = string.Join(',', p) }));
            db.ReadingPlans.Add(plan);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node seeded them at the same moment.
            db.ChangeTracker.Clear();
        }
    }
}

/// <summary>Reading plans: the public catalogue, my subscriptions and progress, and admin authoring.</summary>
public static class ReadingPlansApi
{
    public static RouteGroupBuilder MapReadingPlanReads(this RouteGroupBuilder bible)
    {
        bible.MapGet("/plans", ListPlansAsync).WithName("ListReadingPlans").WithSummary("All reading plans.");
        bible.MapGet("/plans/{slug}", GetPlanAsync).WithName("GetReadingPlan").WithSummary("A reading plan with its days.");
        return bible;
    }

    public static RouteGroupBuilder MapReadingPlanProgress(this RouteGroupBuilder me)
    {
        me.MapGet("/plans", ListMyPlansAsync).WithName("ListMyReadingPlans").WithSummary("The plans I follow, with progress.");
        me.MapPost("/plans/{slug}", SubscribeAsync).WithName("SubscribeReadingPlan").WithSummary("Starts following a plan.");
        me.MapDelete("/plans/{slug}", UnsubscribeAsync).WithName("UnsubscribeReadingPlan").WithSummary("Stops following a plan (progress is deleted).");
        me.MapGet("/plans/{slug}/progress", GetProgressAsync).WithName("GetReadingPlanProgress")
            .WithSummary("Today's reading, days behind and streak (`tz` for the date).");
        me.MapPut("/plans/{slug}/days/{day:int}", MarkDoneAsync).WithName("MarkReadingPlanDay").WithSummary("Marks a day done.");
        me.MapDelete("/plans/{slug}/days/{day:int}", UnmarkAsync).WithName("UnmarkReadingPlanDay").WithSummary("Marks a day not done.");
        me.MapPost("/plans/{slug}/catch-up", CatchUpAsync).WithName("CatchUpReadingPlan")
            .WithSummary("Moves the schedule so the first unfinished day is today.");
        return me;
    }

    public static RouteGroupBuilder MapReadingPlanAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/plans", CreatePlanAsync).WithName("CreateReadingPlan").WithSummary("Authors a reading plan.");
        admin.MapPut("/plans/{slug}", ReplacePlanAsync).WithName("ReplaceReadingPlan").WithSummary("Replaces an authored plan's name and days.");
        admin.MapDelete("/plans/{slug}", DeletePlanAsync).WithName("DeleteReadingPlan").WithSummary("Deletes an authored plan.");
        return admin;
    }

    public static async Task<Ok<IReadOnlyList<ReadingPlanResponse>>> ListPlansAsync(SelahDbContext db, CancellationToken cancellationToken)
    {
        var plans = await db.ReadingPlans.AsNoTracking().OrderByDescending(p => p.BuiltIn).ThenBy(p => p.Name).ToListAsync(cancellationToken);
        IReadOnlyList<ReadingPlanResponse> list = plans.Select(ToResponse).ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<ReadingPlanDetailResponse>, ProblemHttpResult>> GetPlanAsync(
        string slug, SelahDbContext db, CancellationToken cancellationToken)
    {
        var plan = await db.ReadingPlans.AsNoTracking().Include(p => p.Days).SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        return plan is null
            ? Problems.NotFound("The reading plan")
            : TypedResults.Ok(new ReadingPlanDetailResponse(ToResponse(plan), plan.Days.OrderBy(d => d.Day).Select(ToResponse).ToList()));
    }

    public static async Task<Ok<IReadOnlyList<ReadingPlanProgressResponse>>> ListMyPlansAsync(
        string? tz, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var today = Today(clock, ParseZone(tz) ?? clock.LocalTimeZone);
        var subscriptions = await db.ReadingPlanSubscriptions.AsNoTracking().Where(s => s.UserId == me).ToListAsync(cancellationToken);
        var list = new List<ReadingPlanProgressResponse>();
        foreach (var subscription in subscriptions.OrderBy(s => s.CreatedAt))
        {
            var plan = await db.ReadingPlans.AsNoTracking().Include(p => p.Days).SingleAsync(p => p.Id == subscription.PlanId, cancellationToken);
            list.Add(await ProgressAsync(db, plan, subscription, today, cancellationToken));
        }

        return TypedResults.Ok<IReadOnlyList<ReadingPlanProgressResponse>>(list);
    }

    public static async Task<Results<Created<ReadingPlanProgressResponse>, ValidationProblem, ProblemHttpResult>> SubscribeAsync(
        string slug, SubscribePlanRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var zone = ParseZone(request.Tz);
        if (request.Tz is { Length: > 0 } && zone is null)
        {
            return Problems.Field("tz", "Time zone must be an IANA zone id such as Europe/London.");
        }

        var today = Today(clock, zone ?? clock.LocalTimeZone);
        var start = today;
        if (request.StartDate is { Length: > 0 }
            && (!DateOnly.TryParseExact(request.StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
                || Math.Abs(start.DayNumber - today.DayNumber) > 3660))
        {
            return Problems.Field("startDate", "Start date must be YYYY-MM-DD within ten years of today.");
        }

        var plan = await db.ReadingPlans.AsNoTracking().Include(p => p.Days).SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("The reading plan");
        }

        var me = user.GetUserId();
        if (await db.ReadingPlanSubscriptions.AnyAsync(s => s.UserId == me && s.PlanId == plan.Id, cancellationToken))
        {
            return Problems.Conflict("already-subscribed", "You already follow this plan.");
        }

        var subscription = new ReadingPlanSubscription { Id = Guid.CreateVersion7(), UserId = me, PlanId = plan.Id, StartDate = start, CreatedAt = clock.GetUtcNow() };
        db.ReadingPlanSubscriptions.Add(subscription);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict("already-subscribed", "You already follow this plan.");
        }

        return TypedResults.Created($"/api/v1/me/bible/plans/{plan.Slug}/progress", await ProgressAsync(db, plan, subscription, today, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> UnsubscribeAsync(
        string slug, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var deleted = await db.ReadingPlanSubscriptions
            .Where(s => s.UserId == me && db.ReadingPlans.Any(p => p.Id == s.PlanId && p.Slug == slug))
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("The subscription") : TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ReadingPlanProgressResponse>, ValidationProblem, ProblemHttpResult>> GetProgressAsync(
        string slug, string? tz, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await FindSubscriptionAsync(slug, tz, user, db, clock, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        if (found.Validation is not null)
        {
            return found.Validation;
        }

        return TypedResults.Ok(await ProgressAsync(db, found.Plan!, found.Subscription!, found.Today, cancellationToken));
    }

    public static async Task<Results<Ok<ReadingPlanProgressResponse>, ValidationProblem, ProblemHttpResult>> MarkDoneAsync(
        string slug, int day, string? tz, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await FindSubscriptionAsync(slug, tz, user, db, clock, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        if (found.Validation is not null)
        {
            return found.Validation;
        }

        if (day < 1 || day > found.Plan!.DayCount)
        {
            return Problems.Field("day", $"Day must be between 1 and {found.Plan!.DayCount}.");
        }

        var subscriptionId = found.Subscription!.Id;
        if (!await db.ReadingPlanCompletions.AnyAsync(c => c.SubscriptionId == subscriptionId && c.Day == day, cancellationToken))
        {
            db.ReadingPlanCompletions.Add(new ReadingPlanCompletion { SubscriptionId = subscriptionId, Day = day, CompletedOn = found.Today });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // marked by a concurrent request: the outcome is the same
            }
        }

        return TypedResults.Ok(await ProgressAsync(db, found.Plan, found.Subscription, found.Today, cancellationToken));
    }

    public static async Task<Results<Ok<ReadingPlanProgressResponse>, ValidationProblem, ProblemHttpResult>> UnmarkAsync(
        string slug, int day, string? tz, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await FindSubscriptionAsync(slug, tz, user, db, clock, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        if (found.Validation is not null)
        {
            return found.Validation;
        }

        var subscriptionId = found.Subscription!.Id;
        await db.ReadingPlanCompletions.Where(c => c.SubscriptionId == subscriptionId && c.Day == day).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.Ok(await ProgressAsync(db, found.Plan!, found.Subscription, found.Today, cancellationToken));
    }

    public static async Task<Results<Ok<ReadingPlanProgressResponse>, ValidationProblem, ProblemHttpResult>> CatchUpAsync(
        string slug, string? tz, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var found = await FindSubscriptionAsync(slug, tz, user, db, clock, cancellationToken);
        if (found.Error is not null)
        {
            return found.Error;
        }

        if (found.Validation is not null)
        {
            return found.Validation;
        }

        var subscription = found.Subscription!;
        var done = await db.ReadingPlanCompletions.Where(c => c.SubscriptionId == subscription.Id).Select(c => c.Day).ToListAsync(cancellationToken);
        var firstOpen = Enumerable.Range(1, found.Plan!.DayCount).FirstOrDefault(d => !done.Contains(d));
        if (firstOpen > 0)
        {
            var tracked = await db.ReadingPlanSubscriptions.SingleAsync(s => s.Id == subscription.Id, cancellationToken);
            tracked.StartDate = found.Today.AddDays(-(firstOpen - 1));
            await db.SaveChangesAsync(cancellationToken);
            subscription = tracked;
        }

        return TypedResults.Ok(await ProgressAsync(db, found.Plan, subscription, found.Today, cancellationToken));
    }

    public static async Task<Results<Created<ReadingPlanDetailResponse>, ValidationProblem, ProblemHttpResult>> CreatePlanAsync(
        ReadingPlanRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ValidateDays(request) is { } invalid)
        {
            return invalid;
        }

        var slug = request.Slug ?? Slugify(request.Name!);
        if (slug.Length == 0)
        {
            return Problems.Field("slug", "Give the plan a slug (lower-case letters, digits and hyphens).");
        }

        if (await db.ReadingPlans.AnyAsync(p => p.Slug == slug, cancellationToken))
        {
            return Problems.Conflict("slug-taken", "A reading plan with this slug already exists.");
        }

        var plan = new ReadingPlan
        {
            Id = Guid.CreateVersion7(), Slug = slug, Name = request.Name!.Trim(), Description = request.Description?.Trim(),
            CreatedById = user.GetUserId(), CreatedAt = clock.GetUtcNow(),
        };
        SetDays(plan, request);
        db.ReadingPlans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/bible/plans/{plan.Slug}",
            new ReadingPlanDetailResponse(ToResponse(plan), plan.Days.OrderBy(d => d.Day).Select(ToResponse).ToList()));
    }

    public static async Task<Results<Ok<ReadingPlanDetailResponse>, ValidationProblem, ProblemHttpResult>> ReplacePlanAsync(
        string slug, ReadingPlanRequest request, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (ValidateDays(request) is { } invalid)
        {
            return invalid;
        }

        var plan = await db.ReadingPlans.Include(p => p.Days).SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("The reading plan");
        }

        if (plan.BuiltIn)
        {
            return Problems.Conflict("built-in-plan", "Built-in plans cannot be changed.");
        }

        plan.Name = request.Name!.Trim();
        plan.Description = request.Description?.Trim();
        db.ReadingPlanDays.RemoveRange(plan.Days);
        await db.SaveChangesAsync(cancellationToken);
        plan.Days.Clear();
        SetDays(plan, request);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new ReadingPlanDetailResponse(ToResponse(plan), plan.Days.OrderBy(d => d.Day).Select(ToResponse).ToList()));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePlanAsync(string slug, SelahDbContext db, CancellationToken cancellationToken)
    {
        var plan = await db.ReadingPlans.SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (plan is null)
        {
            return Problems.NotFound("The reading plan");
        }

        if (plan.BuiltIn)
        {
            return Problems.Conflict("built-in-plan", "Built-in plans cannot be deleted.");
        }

        db.ReadingPlans.Remove(plan);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private sealed record FoundSubscription(ReadingPlan? Plan, ReadingPlanSubscription? Subscription, DateOnly Today,
        ProblemHttpResult? Error = null, ValidationProblem? Validation = null);

    private static async Task<FoundSubscription> FindSubscriptionAsync(string slug, string? tz, ClaimsPrincipal user, SelahDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var zone = ParseZone(tz);
        if (tz is { Length: > 0 } && zone is null)
        {
            return new FoundSubscription(null, null, default, Validation: Problems.Field("tz", "Time zone must be an IANA zone id such as Europe/London."));
        }

        var me = user.GetUserId();
        var plan = await db.ReadingPlans.AsNoTracking().Include(p => p.Days).SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        var subscription = plan is null
            ? null
            : await db.ReadingPlanSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.UserId == me && s.PlanId == plan.Id, cancellationToken);
        return subscription is null
            ? new FoundSubscription(null, null, default, Problems.NotFound("The subscription"))
            : new FoundSubscription(plan, subscription, Today(clock, zone ?? clock.LocalTimeZone));
    }

    private static async Task<ReadingPlanProgressResponse> ProgressAsync(SelahDbContext db, ReadingPlan plan, ReadingPlanSubscription subscription,
        DateOnly today, CancellationToken cancellationToken)
    {
        var completions = await db.ReadingPlanCompletions.AsNoTracking().Where(c => c.SubscriptionId == subscription.Id).ToListAsync(cancellationToken);
        var done = completions.Select(c => c.Day).ToHashSet();
        var scheduled = today.DayNumber - subscription.StartDate.DayNumber + 1;
        var behind = Enumerable.Range(1, Math.Clamp(scheduled - 1, 0, plan.DayCount)).Where(d => !done.Contains(d)).ToList();
        var finished = done.Count >= plan.DayCount;
        int? readingDay = finished ? null
            : behind.Count > 0 ? behind[0]
            : scheduled >= 1 && scheduled <= plan.DayCount && !done.Contains(scheduled) ? scheduled
            : Enumerable.Range(Math.Max(1, scheduled), Math.Max(0, plan.DayCount - Math.Max(1, scheduled) + 1)).Where(d => !done.Contains(d))
                .Select(d => (int?)d).FirstOrDefault() ?? Enumerable.Range(1, plan.DayCount).First(d => !done.Contains(d));
        var reading = readingDay is { } r ? plan.Days.Where(d => d.Day == r).Select(ToResponse).SingleOrDefault() : null;

        // Streak: consecutive dates with a completion, ending today (or yesterday, so it is not lost before today's reading).
        var dates = completions.Select(c => c.CompletedOn).ToHashSet();
        var cursor = dates.Contains(today) ? today : today.AddDays(-1);
        var streak = 0;
        while (dates.Contains(cursor))
        {
            streak++;
            cursor = cursor.AddDays(-1);
        }

        return new ReadingPlanProgressResponse(ToResponse(plan), subscription.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), scheduled, done.Count, done.Order().ToList(), behind, reading, streak, finished);
    }

    private static ValidationProblem? ValidateDays(ReadingPlanRequest request)
    {
        var days = request.Days!;
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i] is null || days[i].Count is 0 or > 20)
            {
                return Problems.Field($"days[{i}]", "Each day needs 1 to 20 passages.");
            }

            foreach (var passage in days[i])
            {
                if (BiblePassage.TryParse(passage, out _) != PassageError.None)
                {
                    return Problems.Field($"days[{i}]", $"'{passage}' is not an OSIS passage such as Gen.1-Gen.2 or John.3.16.");
                }
            }
        }

        return null;
    }

    private static void SetDays(ReadingPlan plan, ReadingPlanRequest request)
    {
        var days = request.Days!;
        plan.DayCount = days.Count;
        for (var i = 0; i < days.Count; i++)
        {
            var normalized = days[i].Select(p => { BiblePassage.TryParse(p, out var parsed); return parsed!.Osis; });
            plan.Days.Add(new ReadingPlanDay { PlanId = plan.Id, Day = i + 1, Passages = string.Join(',', normalized) });
        }
    }

    private static string Slugify(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    internal static TimeZoneInfo? ParseZone(string? tz) =>
        tz is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(tz.Trim(), out var zone) ? zone : null;

    private static DateOnly Today(TimeProvider clock, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);

    private static ReadingPlanResponse ToResponse(ReadingPlan p) => new(p.Id, p.Slug, p.Name, p.Description, p.DayCount, p.BuiltIn);

    private static ReadingPlanDayResponse ToResponse(ReadingPlanDay d) =>
        new(d.Day, d.Passages.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p =>
            BiblePassage.TryParse(p, out var parsed) == PassageError.None ? new ReadingPassage(parsed!.Osis, parsed.Reference) : new ReadingPassage(p, p)).ToList());
}
