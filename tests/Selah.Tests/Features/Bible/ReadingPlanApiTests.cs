using System.Net;
using Selah.Contracts.Bible;
using Selah.Server.Features.Bible;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary>Reading plans: built-ins, subscribing, marking days, streaks, catching up, admin authoring.</summary>
[Collection(BibleCollection.Name)]
public sealed class ReadingPlanApiTests(BibleFactory factory)
{
    [Fact]
    public async Task Built_in_plans_cover_their_books_exactly()
    {
        using var client = factory.CreateClient();
        var plans = await (await client.GetAsync("/api/v1/bible/plans")).ReadJsonAsync<List<ReadingPlanResponse>>();
        var year = await (await client.GetAsync("/api/v1/bible/plans/bible-in-a-year")).ReadJsonAsync<ReadingPlanDetailResponse>();
        var psalms = await (await client.GetAsync("/api/v1/bible/plans/psalms-in-30-days")).ReadJsonAsync<ReadingPlanDetailResponse>();
        var gospels = await (await client.GetAsync("/api/v1/bible/plans/gospels-in-40-days")).ReadJsonAsync<ReadingPlanDetailResponse>();

        Assert.Superset(new HashSet<string> { "bible-in-a-year", "psalms-in-30-days", "gospels-in-40-days" }, plans.Select(p => p.Slug).ToHashSet());
        Assert.Equal(365, year.Days.Count);
        Assert.Equal(30, psalms.Days.Count);
        Assert.Equal(40, gospels.Days.Count);
        Assert.Equal("Gen.1-Gen.3", year.Days[0].Passages[0].Osis);
        Assert.Equal("Rev.22", year.Days[^1].Passages[^1].Osis.Split('-')[^1]);
        Assert.Equal(["Ps.1-Ps.5"], psalms.Days[0].Passages.Select(p => p.Osis));
        Assert.Equal(BibleBooks.KjvChapterTotal, year.Days.Sum(d => d.Passages.Sum(ChapterCount)));
        Assert.Equal(89, gospels.Days.Sum(d => d.Passages.Sum(ChapterCount)));
        await (await client.GetAsync("/api/v1/bible/plans/nope")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static int ChapterCount(ReadingPassage passage)
    {
        Assert.Equal(PassageError.None, BiblePassage.TryParse(passage.Osis, out var parsed));
        return BiblePassage.ChapterOrdinal(parsed!.End) - BiblePassage.ChapterOrdinal(parsed.Start) + 1;
    }

    [Fact]
    public async Task Progress_tracks_today_done_days_streak_and_catch_up()
    {
        factory.Clock.UtcNow = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var reader = await factory.SignInNewUserAsync();
        var client = factory.CreateClient(reader.AccessToken);
        const string plan = "/api/v1/me/bible/plans/psalms-in-30-days";

        var started = await (await client.PostJsonAsync(plan, new { tz = "Europe/London" })).ReadJsonAsync<ReadingPlanProgressResponse>(HttpStatusCode.Created);
        Assert.Equal("2026-05-01", started.StartDate);
        Assert.Equal(1, started.Today);
        Assert.Equal(["Ps.1-Ps.5"], started.Reading!.Passages.Select(p => p.Osis));
        await (await client.PostJsonAsync(plan, new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var day1 = await (await client.PutJsonAsync($"{plan}/days/1?tz=Europe/London", new { })).ReadJsonAsync<ReadingPlanProgressResponse>();
        Assert.Equal(1, day1.Streak);
        Assert.Equal(2, day1.Reading!.Day);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        client.Dispose();
        client = factory.CreateClient((await factory.SignInAsync(reader.Account)).AccessToken); // access tokens last 15 minutes
        var day2 = await (await client.PutJsonAsync($"{plan}/days/2?tz=Europe/London", new { })).ReadJsonAsync<ReadingPlanProgressResponse>();
        Assert.Equal(2, day2.Streak);
        Assert.Equal([1, 2], day2.Completed);

        // Three days away: behind on days 3-5, the streak is broken, and catching up makes day 3 today's reading.
        factory.Clock.Advance(TimeSpan.FromDays(4));
        client.Dispose();
        client = factory.CreateClient((await factory.SignInAsync(reader.Account)).AccessToken);
        var behind = await (await client.GetAsync($"{plan}/progress?tz=Europe/London")).ReadJsonAsync<ReadingPlanProgressResponse>();
        Assert.Equal(6, behind.Today);
        Assert.Equal([3, 4, 5], behind.Behind);
        Assert.Equal(3, behind.Reading!.Day);
        Assert.Equal(0, behind.Streak);

        var caughtUp = await (await client.PostJsonAsync($"{plan}/catch-up?tz=Europe/London", new { })).ReadJsonAsync<ReadingPlanProgressResponse>();
        Assert.Equal(3, caughtUp.Today);
        Assert.Empty(caughtUp.Behind);
        Assert.Equal("2026-05-04", caughtUp.StartDate);

        var mine = await (await client.GetAsync("/api/v1/me/bible/plans")).ReadJsonAsync<List<ReadingPlanProgressResponse>>();
        Assert.Equal(["psalms-in-30-days"], mine.Select(p => p.Plan.Slug));
        await (await client.PutJsonAsync($"{plan}/days/31", new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await client.DeleteAsync(plan)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await client.GetAsync($"{plan}/progress")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        client.Dispose();
    }

    [Fact]
    public async Task Admins_author_plans_and_others_cannot()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var reader = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(reader.AccessToken);
        var slug = $"advent-{Guid.NewGuid():N}"[..20];
        var body = new { name = "Advent", slug, days = new[] { new[] { "Isa.9.1-Isa.9.7" }, new[] { "Luke.1", "Ps.24" } } };

        await (await client.PostJsonAsync("/api/v1/admin/bible/plans", body)).ShouldHaveStatusAsync(HttpStatusCode.Forbidden);
        var created = await (await admin.PostJsonAsync("/api/v1/admin/bible/plans", body)).ReadJsonAsync<ReadingPlanDetailResponse>(HttpStatusCode.Created);
        var bad = await (await admin.PostJsonAsync("/api/v1/admin/bible/plans", new { name = "Bad", days = new[] { new[] { "Luke 1" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(2, created.Plan.Days);
        Assert.Equal(["Luke.1", "Ps.24"], created.Days[1].Passages.Select(p => p.Osis));
        Assert.True(bad.GetProperty("errors").TryGetProperty("days[0]", out _), bad.ToString());
        await (await admin.PostJsonAsync("/api/v1/admin/bible/plans", body)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync("/api/v1/admin/bible/plans/bible-in-a-year")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync($"/api/v1/admin/bible/plans/{slug}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
    }
}
