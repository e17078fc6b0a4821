using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Selah.Contracts.Bible;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary><c>GET /api/v1/bible/{translation}/books/{book}</c>: a whole book for offline reading, with an ETag.</summary>
[Collection(BibleCollection.Name)]
public sealed class BibleBookDownloadTests(BibleFactory factory)
{
    [Theory]
    [InlineData("kjv", "Ruth")]
    [InlineData("sparv", "Jude")]
    [InlineData("web", "Ps")]
    public async Task Every_chapter_is_exactly_what_the_chapter_endpoint_answers(string translation, string book)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync($"/api/v1/bible/{translation}/books/{book}");
        var whole = await response.ReadJsonAsync<JsonElement>();
        var books = await (await client.GetAsync($"/api/v1/bible/{translation}/books")).ReadJsonAsync<List<BibleBookResponse>>();
        var expected = books.Single(b => b.Id == book);

        Assert.Equal(translation, whole.GetProperty("translation").GetString());
        Assert.Equal(book, whole.GetProperty("book").GetString());
        Assert.Equal(expected.Name, whole.GetProperty("name").GetString());
        var chapters = whole.GetProperty("chapters").EnumerateArray().ToList();
        Assert.Equal(expected.Chapters.Select(c => c.Osis), chapters.Select(c => c.GetProperty("osis").GetString()));
        Assert.Equal(expected.Chapters.Sum(c => c.VerseCount), chapters.Sum(c => c.GetProperty("verses").EnumerateArray().Count(v => v.GetProperty("verse").GetInt32() > 0)));
        foreach (var index in new[] { 0, chapters.Count / 2, chapters.Count - 1 }.Distinct())
        {
            var chapter = await (await client.GetAsync($"/api/v1/bible/{translation}/{expected.Chapters[index].Osis}")).ReadJsonAsync<JsonElement>();
            Assert.Equal(chapter.GetRawText(), chapters[index].GetRawText());
        }
    }

    [Fact]
    public async Task The_book_id_is_matched_ignoring_case_and_the_answer_is_typed()
    {
        using var client = factory.CreateClient();
        var john = await (await client.GetAsync("/api/v1/bible/KJV/books/john")).ReadJsonAsync<BibleBookTextResponse>();

        Assert.Equal("kjv", john.Translation);
        Assert.Equal("John", john.Book);
        Assert.Equal(21, john.Chapters.Count);
        Assert.StartsWith("For God so loved the world", john.Chapters[2].Verses.Single(v => v.Verse == 16).Text);
        Assert.Equal("Luke.24", john.Chapters[0].Previous?.Osis);
        Assert.Equal("Acts.1", john.Chapters[^1].Next?.Osis);
    }

    [Theory]
    [InlineData("niv/books/John")]
    [InlineData("kjv/books/Hezekiah")]
    [InlineData("kjv/books/John.3")]
    [InlineData("averyveryverylongtranslationid/books/John")]
    public async Task Unknown_translation_or_book_is_a_404_problem(string path)
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/v1/bible/{path}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_etag_gives_a_304_and_differs_per_book_and_translation()
    {
        using var client = factory.CreateClient();
        var first = await client.GetAsync("/api/v1/bible/kjv/books/Ruth");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Contains("no-cache", first.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/bible/kjv/books/Ruth");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/v1/bible/kjv/books/Ruth");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"kjv-0-0-Ruth\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);

        var other = (await client.GetAsync("/api/v1/bible/kjv/books/Jude")).Headers.ETag;
        var web = (await client.GetAsync("/api/v1/bible/web/books/Ruth")).Headers.ETag;
        Assert.NotEqual(etag, other);
        Assert.NotEqual(etag, web);
    }
}
