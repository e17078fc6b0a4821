using System.Net;
using Selah.Contracts.Bible;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary><c>GET /api/v1/bible/{translation}/{passage}</c> and the book/chapter listing.</summary>
[Collection(BibleCollection.Name)]
public sealed class BiblePassageApiTests(BibleFactory factory)
{
    private async Task<BiblePassageResponse> PassageAsync(string path)
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync($"/api/v1/bible/{path}")).ReadJsonAsync<BiblePassageResponse>();
    }

    [Fact]
    public async Task A_verse_range_returns_those_verses_in_order_with_words_of_christ()
    {
        var passage = await PassageAsync("kjv/John.3.16-John.3.18");

        Assert.Equal("John.3.16-John.3.18", passage.Osis);
        Assert.Equal("John 3:16–18", passage.Reference);
        Assert.Equal(["John.3.16", "John.3.17", "John.3.18"], passage.Verses.Select(v => v.Osis));
        var john316 = passage.Verses[0];
        Assert.StartsWith("For God so loved the world, that he gave his only begotten Son", john316.Text);
        Assert.DoesNotContain("<", john316.Text);
        Assert.DoesNotContain("¶", john316.Text);
        Assert.All(john316.Runs, r => Assert.True(r.WordsOfChrist));
        Assert.Equal(john316.Text, string.Concat(john316.Runs.Select(r => r.Text)));
        Assert.True(john316.Paragraph);
    }

    [Fact]
    public async Task A_chapter_has_its_headings_and_navigation()
    {
        var psalm = await PassageAsync("kjv/Ps.23");
        var psalm119 = await PassageAsync("kjv/Ps.119");
        var genesis = await PassageAsync("kjv/Gen.1");
        var malachi = await PassageAsync("web/Mal.4");
        var revelation = await PassageAsync("sparv/Rev.22");

        Assert.Equal(6, psalm.Verses.Count);
        Assert.Equal("Psalms 23", psalm.Reference);
        Assert.Equal(["A Psalm of David."], psalm.Verses[0].Headings);
        Assert.Contains(psalm.Verses[0].Runs, r => r.DivineName && r.Text == "LORD");
        Assert.Equal("Ps.22", psalm.Previous?.Osis);
        Assert.Equal("Ps.24", psalm.Next?.Osis);
        Assert.Equal(176, psalm119.Verses.Count);
        Assert.Contains("ALEPH", psalm119.Verses[0].Headings.Single());
        Assert.Contains("BETH", psalm119.Verses[8].Headings.Single());
        Assert.Null(genesis.Previous);
        Assert.Equal("Gen.2", genesis.Next?.Osis);
        Assert.Equal(31, genesis.Verses.Count);
        Assert.Equal("Matt.1", malachi.Next?.Osis);
        Assert.Equal("Matthew 1", malachi.Next?.Reference);
        Assert.Null(revelation.Next);
        Assert.Equal("Rev.21", revelation.Previous?.Osis);
    }

    [Fact]
    public async Task Ranges_across_chapters_and_short_range_ends_work_in_every_translation()
    {
        var kjv = await PassageAsync("kjv/Gen.1.31-Gen.2.3");
        var shortEnd = await PassageAsync("web/John.3.16-17");
        var chapters = await PassageAsync("sparv/Ruth.1-Ruth.2");
        var wordsOfChrist = await PassageAsync("web/John.3");

        Assert.Equal(["Gen.1.31", "Gen.2.1", "Gen.2.2", "Gen.2.3"], kjv.Verses.Select(v => v.Osis));
        Assert.Equal("Genesis 1:31–2:3", kjv.Reference);
        Assert.Equal(["John.3.16", "John.3.17"], shortEnd.Verses.Select(v => v.Osis));
        Assert.StartsWith("For God so loved the world", shortEnd.Verses[0].Text);
        Assert.Equal("Ruth.1-Ruth.2", chapters.Osis);
        Assert.Equal(22 + 23, chapters.Verses.Count);
        Assert.Contains("Noemi", string.Join(' ', chapters.Verses.Select(v => v.Text)));
        Assert.Contains(wordsOfChrist.Verses, v => v.Runs.Any(r => r.WordsOfChrist));
        Assert.Contains(wordsOfChrist.Verses, v => v.Runs.All(r => !r.WordsOfChrist));
    }

    [Theory]
    [InlineData("John")]
    [InlineData("John.3.16-")]
    [InlineData("John.x")]
    [InlineData("John.3.18-John.3.16")]
    [InlineData("Gen.1-Exod.40")]
    [InlineData("John.3.16-John.3.17-John.3.18")]
    [InlineData("John..3")]
    [InlineData("John.0")]
    public async Task A_malformed_passage_is_a_400_naming_passage(string passage)
    {
        using var client = factory.CreateClient();
        var problem = await (await client.GetAsync($"/api/v1/bible/kjv/{Uri.EscapeDataString(passage)}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("passage", out _), problem.ToString());
    }

    [Theory]
    [InlineData("niv/John.3")]
    [InlineData("kjv/Hezekiah.1")]
    [InlineData("kjv/John.22")]
    [InlineData("kjv/Gen.51")]
    public async Task Unknown_translation_book_or_chapter_is_a_404(string path)
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/v1/bible/{path}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Books_list_every_chapter_with_its_verse_count()
    {
        using var client = factory.CreateClient();
        var books = await (await client.GetAsync("/api/v1/bible/kjv/books")).ReadJsonAsync<List<BibleBookResponse>>();

        Assert.Equal(66, books.Count);
        Assert.Equal("Gen", books[0].Id);
        Assert.Equal("Rev", books[^1].Id);
        Assert.Equal(27, books.Count(b => b.Testament == "new"));
        var psalms = books.Single(b => b.Id == "Ps");
        Assert.Equal(150, psalms.Chapters.Count);
        Assert.Equal(176, psalms.Chapters[118].VerseCount);
        Assert.Equal(31_102, books.Sum(b => b.Chapters.Sum(c => c.VerseCount)));
        await (await client.GetAsync("/api/v1/bible/nope/books")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
