using System.Net;
using Selah.Contracts.Bible;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary><c>GET /api/v1/bible/{translation}/search</c>: ranking, paging, references, bad input.</summary>
[Collection(BibleCollection.Name)]
public sealed class BibleSearchApiTests(BibleFactory factory)
{
    private async Task<BibleSearchResponse> SearchAsync(string translation, string query)
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync($"/api/v1/bible/{translation}/search?{query}")).ReadJsonAsync<BibleSearchResponse>();
    }

    [Fact]
    public async Task The_best_match_comes_first()
    {
        var kjv = await SearchAsync("kjv", "q=" + Uri.EscapeDataString("God so loved the world"));
        var web = await SearchAsync("web", "q=" + Uri.EscapeDataString("shepherd lack"));

        Assert.Equal("John.3.16", kjv.Hits[0].Osis);
        Assert.Equal("John 3:16", kjv.Hits[0].Reference);
        Assert.Null(kjv.Reference);
        Assert.Equal("Ps.23.1", web.Hits[0].Osis);
        Assert.All(kjv.Hits.Zip(kjv.Hits.Skip(1)), pair => Assert.True(pair.First.Rank >= pair.Second.Rank));
    }

    [Fact]
    public async Task Results_are_paged_without_overlap()
    {
        var first = await SearchAsync("kjv", "q=charity&limit=10");
        var second = await SearchAsync("kjv", $"q=charity&limit=10&offset={first.NextOffset}");
        var last = await SearchAsync("kjv", $"q=charity&limit=10&offset={first.Total - 3}");

        Assert.True(first.Total > 13, $"only {first.Total} hits");
        Assert.Equal(10, first.Hits.Count);
        Assert.Equal(10, first.NextOffset);
        Assert.Empty(first.Hits.Select(h => h.Osis).Intersect(second.Hits.Select(h => h.Osis)));
        Assert.All(first.Hits.Concat(second.Hits), h => Assert.Contains("charity", h.Text, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, last.Hits.Count);
        Assert.Null(last.NextOffset);
    }

    [Theory]
    [InlineData("john 3:16", "John.3.16")]
    [InlineData("Ps 23", "Ps.23")]
    [InlineData("Rom 8:28-30", "Rom.8.28-Rom.8.30")]
    [InlineData("1 Cor. 13", "1Cor.13")]
    public async Task A_reference_typed_into_search_is_returned_for_jumping(string text, string osis)
    {
        var result = await SearchAsync("kjv", "q=" + Uri.EscapeDataString(text));
        Assert.Equal(osis, result.Reference?.Osis);

        using var client = factory.CreateClient();
        var passage = await (await client.GetAsync($"/api/v1/bible/kjv/{result.Reference!.Osis}")).ReadJsonAsync<BiblePassageResponse>();
        Assert.NotEmpty(passage.Verses);
    }

    [Fact]
    public async Task Spanish_search_ignores_accents()
    {
        var accented = await SearchAsync("sparv", "q=" + Uri.EscapeDataString("amó Dios al mundo"));
        Assert.Contains(accented.Hits, h => h.Osis == "John.3.16");
    }

    [Theory]
    [InlineData("q=")]
    [InlineData("q=love&limit=0")]
    [InlineData("q=love&limit=101")]
    [InlineData("q=love&offset=-1")]
    public async Task Bad_search_input_is_a_400(string query)
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync($"/api/v1/bible/kjv/search?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(love hate)")]
    [InlineData("love OR")]
    [InlineData("* ^ - :")]
    [InlineData("!!!")]
    public async Task Search_syntax_in_the_text_is_never_an_error(string text)
    {
        var result = await SearchAsync("kjv", "q=" + Uri.EscapeDataString(text));
        Assert.True(result.Total >= 0);
    }

    [Fact]
    public async Task Unknown_translation_is_a_404()
    {
        using var client = factory.CreateClient();
        await (await client.GetAsync("/api/v1/bible/klingon/search?q=love")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
