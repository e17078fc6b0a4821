using Selah.Contracts.Scripture;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Scripture;

public sealed class ScriptureParseApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Theory]
    [InlineData("John 3:16", "John.3.16")]
    [InlineData("Jn 3:16-18", "John.3.16-John.3.18")]
    [InlineData("1 Cor. 13", "1Cor.13")]
    [InlineData("1Cor 13:4-7", "1Cor.13.4-1Cor.13.7")]
    [InlineData("II Kings 2:11", "2Kgs.2.11")]
    [InlineData("Ps 23:1-6", "Ps.23")]
    [InlineData("Ruth 1-4", "Ruth")]
    [InlineData("Song of Songs 2:4", "Song.2.4")]
    [InlineData("Romans 8:28, 38-39", "Rom.8.28,Rom.8.38-Rom.8.39")]
    [InlineData("Eph 2:8-9; 3:20", "Eph.2.8-Eph.2.9,Eph.3.20")]
    [InlineData("Gen 1:1\u20132:3", "Gen.1.1-Gen.2.3")]
    [InlineData("Jude 3", "Jude.1.3")]
    [InlineData("Philemon 1:6", "Phlm.1.6")]
    [InlineData("Obadiah 1-21", "Obad")]
    [InlineData("Gen 50:26-Exod 1:2", "Gen.50.26-Exod.1.2")]
    [InlineData("Psalm 23:1-8", "Ps.23")]
    [InlineData("Jn 21:25-22:1", "John.21.25")]
    [InlineData("Rev 22:21-1", "Rev.22.21,Rev.22.1")]
    [InlineData("Gen 1; 2 Kings 3", "Gen.1,2Kgs.3")]
    [InlineData("John 3:16ff", "John.3.16-John.3.36")]
    [InlineData("John 3:16f", "John.3.16-John.3.17")]
    [InlineData("John chapter 3", "John.3")]
    [InlineData("Our theme is love (1 John 4:7-12) and hope, see Rom 5:5 and Is 40:31.", "1John.4.7-1John.4.12,Rom.5.5,Isa.40.31")]
    [InlineData("I am sure this is 3 times better; the job took 2 hours and I will mark 5 of them.", "")]
    [InlineData("Gen 51 and John 3:99 do not exist", "")]
    public async Task Finds_references_in_text(string text, string osis)
    {
        using var client = factory.CreateClient();

        var result = await (await client.GetAsync($"/api/v1/scripture/parse?text={Uri.EscapeDataString(text)}")).ReadJsonAsync<ScriptureParseResponse>();

        Assert.Equal(osis, result.Osis);
        Assert.Equal(osis, string.Join(',', result.Passages.Select(p => p.Osis)));
    }

    [Fact]
    public async Task Passages_are_structured_and_located_in_the_text()
    {
        using var client = factory.CreateClient();
        const string text = "Read Romans 8:28, 38-39 and Ps 23 today.";

        var result = await (await client.GetAsync($"/api/v1/scripture/parse?text={Uri.EscapeDataString(text)}")).ReadJsonAsync<ScriptureParseResponse>();

        Assert.Equal(3, result.Passages.Count);
        var (first, second, psalm) = (result.Passages[0], result.Passages[1], result.Passages[2]);
        Assert.Equal(new VerseRef("Rom", 8, 28), first.Start);
        Assert.Equal(new VerseRef("Rom", 8, 28), first.End);
        Assert.Equal("Romans 8:28", text.Substring(first.Index, first.Length));
        Assert.Equal(new VerseRef("Rom", 8, 38), second.Start);
        Assert.Equal(new VerseRef("Rom", 8, 39), second.End);
        Assert.Equal("38-39", text.Substring(second.Index, second.Length));
        Assert.Equal("Ps.23", psalm.Osis);
        Assert.Equal(new VerseRef("Ps", 23, 1), psalm.Start);
        Assert.Equal(new VerseRef("Ps", 23, 6), psalm.End);
        Assert.Equal("Ps 23", text.Substring(psalm.Index, psalm.Length));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?text=")]
    [InlineData("?text=%20%20")]
    [InlineData("?text=John%203%3A16%00")]
    public async Task Missing_or_blank_text_is_a_validation_problem(string query)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/v1/scripture/parse{query}");

        await response.ShouldBeValidationProblemAsync("text");
    }

    [Fact]
    public async Task Too_long_text_is_a_validation_problem()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/v1/scripture/parse?text={new string('a', 4001)}");

        await response.ShouldBeValidationProblemAsync("text");
    }

    [Fact]
    public async Task Longest_text_is_accepted()
    {
        using var client = factory.CreateClient();
        var text = string.Concat(Enumerable.Repeat("John 3:16 ", 400));

        var result = await (await client.GetAsync($"/api/v1/scripture/parse?text={Uri.EscapeDataString(text)}")).ReadJsonAsync<ScriptureParseResponse>();

        Assert.Equal(400, result.Passages.Count);
        Assert.All(result.Passages, p => Assert.Equal("John.3.16", p.Osis));
    }
}
