using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Selah.Contracts.Bible;
using Selah.Server.Features.Bible;
using Selah.Server.Infrastructure.Data;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary><c>GET /api/v1/bible/votd</c> and its image.</summary>
[Collection(BibleCollection.Name)]
public sealed class VerseOfTheDayTests(BibleFactory factory)
{
    private async Task<VerseOfTheDayResponse> VotdAsync(string query)
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync($"/api/v1/bible/votd?{query}")).ReadJsonAsync<VerseOfTheDayResponse>();
    }

    [Fact]
    public async Task Everyone_in_a_zone_gets_the_same_verse_on_a_date_and_the_next_date_differs()
    {
        // 23:30 UTC: still the 10th in London, already the 11th in Tokyo.
        factory.Clock.UtcNow = new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero);
        var london = await VotdAsync("tz=Europe/London");
        var londonAgain = await VotdAsync("tz=Europe/London");
        var tokyo = await VotdAsync("tz=Asia/Tokyo");
        var nextInLondon = await VotdAsync("tz=Europe/London&date=2026-03-11");

        Assert.Equal("2026-03-10", london.Date);
        Assert.Equal(london, londonAgain);
        Assert.Equal("2026-03-11", tokyo.Date);
        Assert.NotEqual(london.Osis, tokyo.Osis);
        Assert.Equal(tokyo.Osis, nextInLondon.Osis);
        Assert.Equal(tokyo.Text, nextInLondon.Text);
        Assert.False(string.IsNullOrWhiteSpace(london.Text));
        Assert.Equal("kjv", london.Translation);

        var week = new HashSet<string>();
        for (var day = 1; day <= 7; day++)
        {
            week.Add((await VotdAsync($"date=2026-04-0{day}&translation=web")).Osis);
        }

        Assert.Equal(7, week.Count);
    }

    [Fact]
    public async Task Every_curated_reference_exists_in_every_translation_or_falls_back()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
        Assert.True(VerseOfTheDayList.All.Count >= 365);
        Assert.Equal(VerseOfTheDayList.All.Count, VerseOfTheDayList.All.Distinct().Count());
        foreach (var osis in VerseOfTheDayList.All)
        {
            Assert.True(BiblePassage.TryParse(osis, out var passage) == PassageError.None, osis);
            Assert.Equal(osis, passage!.Osis);
            var start = passage.Start;
            Assert.True(await db.BibleVerses.AnyAsync(v => v.TranslationId == "kjv" && v.Book == start.Book && v.Chapter == start.Chapter && v.Verse == start.Verse), osis);
        }
    }

    [Fact]
    public async Task The_image_is_a_cacheable_png()
    {
        using var client = factory.CreateClient();
        var votd = await VotdAsync("tz=America/New_York&translation=sparv");
        var response = await client.GetAsync(votd.ImageUrl);
        await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.True(bytes.Length > 10_000);
        Assert.Contains("public", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, votd.ImageUrl);
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
    }

    [Theory]
    [InlineData("tz=Mars/Olympus_Mons", "tz")]
    [InlineData("date=2026-13-01", "date")]
    [InlineData("date=yesterday", "date")]
    public async Task Bad_zone_or_date_is_a_400(string query, string field)
    {
        using var client = factory.CreateClient();
        var problem = await (await client.GetAsync($"/api/v1/bible/votd?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await (await client.GetAsync($"/api/v1/bible/votd/image.png?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }
}
