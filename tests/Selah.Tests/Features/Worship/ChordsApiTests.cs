using System.Net;
using Selah.Contracts.Worship;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Worship;

/// <summary><c>POST /api/v1/chords/transpose</c>: anonymous, validated, problem+json with line numbers, rate limited.</summary>
public sealed class ChordsApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Anonymous_callers_transpose_a_sheet_and_get_the_new_key()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/chords/transpose", new { chordPro = "{title: X}\n{key: G}\n[G]Amazing [D/F#]grace [Cmaj7]how [Em7]sweet\n", semitones = 3 });

        var result = await response.ReadJsonAsync<TransposeResponse>();
        Assert.Equal("Bb", result.Key);
        Assert.Equal("{title: X}\n{key: Bb}\n[Bb]Amazing [F/A]grace [Ebmaj7]how [Gm7]sweet\n", result.ChordPro);
    }

    [Fact]
    public async Task A_target_key_overrides_semitones()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/chords/transpose", new { chordPro = "[Am]Down [E7]by", semitones = 0, targetKey = "C#m" });

        var result = await response.ReadJsonAsync<TransposeResponse>();
        Assert.Equal("C#m", result.Key);
        Assert.Equal("[C#m]Down [G#7]by\n", result.ChordPro);
    }

    [Fact]
    public async Task Malformed_chordpro_is_a_problem_with_line_numbers_under_chordPro()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/chords/transpose", new { chordPro = "{title: Bad}\n[G]ok\n[Hello]no\n{soc}\n[Am unclosed\n", semitones = 2 });

        var problem = await response.ShouldBeValidationProblemAsync("chordPro");
        var messages = problem.GetProperty("errors").GetProperty("chordPro").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("line 3: 'Hello' is not a chord", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("line 5: '[' at column 1 is not closed", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("line 4: start_of_chorus is never closed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"chordPro":"[G]x","semitones":12}""", "semitones")]
    [InlineData("""{"chordPro":"[G]x","semitones":-12}""", "semitones")]
    [InlineData("""{"semitones":2}""", "chordPro")]
    [InlineData("""{"chordPro":"[G]x","semitones":"two"}""", "semitones")]
    [InlineData("""{"chordPro":"[G]x","semitones":1,"targetKey":"Q"}""", "targetKey")]
    [InlineData("""{"chordPro":"[G]x\u0000","semitones":1}""", "chordPro")]
    public async Task Bad_fields_are_400_naming_the_field(string json, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.PostRawJsonAsync("/api/v1/chords/transpose", json);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Overlong_input_is_a_problem_not_a_500()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/chords/transpose", new { chordPro = string.Concat(Enumerable.Repeat("[G]la ", 20_000)), semitones = 1 });

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"got {(int)response.StatusCode}");
        await response.ShouldBeProblemAsync(response.StatusCode);
    }

    [Fact]
    public async Task Render_draws_the_sheet_for_the_editor_preview_or_names_the_bad_lines()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync("/api/v1/chords/render", new { chordPro = "{title: Preview}\n{key: D}\n{sov: Verse 1}\n[D]Hello [G/B]there\n{eov}\n{soc}\n[A]Sing\n{eoc}\n" });

        var sheet = await response.ReadJsonAsync<RenderedSheetResponse>();
        Assert.Equal(("Preview", "D", "chords"), (sheet.Title, sheet.Key, sheet.View));
        Assert.Equal(["V1", "C"], sheet.Sections.Select(s => s.Code));
        Assert.Equal(["D", "G/B"], sheet.Sections[0].Lines[0].Segments.Select(s => s.Chord));

        var bad = await client.PostJsonAsync("/api/v1/chords/render", new { chordPro = "[G]ok\n[Hello]no\n" });
        var problem = await bad.ShouldBeValidationProblemAsync("chordPro");
        Assert.StartsWith("line 2:", problem.GetProperty("errors").GetProperty("chordPro")[0].GetString(), StringComparison.Ordinal);

        var missing = await client.PostRawJsonAsync("/api/v1/chords/render", "{}");
        await missing.ShouldBeValidationProblemAsync("chordPro");
    }
}

/// <summary>The transpose endpoint is anonymous, so it is limited per client address.</summary>
public sealed class ChordsRateLimitTests(ChordsRateLimitTests.Factory factory) : IClassFixture<ChordsRateLimitTests.Factory>
{
    public sealed class Factory : SelahFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["Selah:RateLimits:Policies:transpose:PerIp"] = "5";
            settings["Selah:RateLimits:Policies:transpose:WindowSeconds"] = "3600";
        }
    }

    [Fact]
    public async Task Too_many_requests_from_one_address_are_429_with_Retry_After()
    {
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await (await client.PostJsonAsync("/api/v1/chords/transpose", new { chordPro = "[G]x", semitones = 1 })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var last = await client.PostJsonAsync("/api/v1/chords/transpose", new { chordPro = "[G]x", semitones = 1 });

        await last.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "urn:selah:problem:rate-limited");
        last.ShouldHaveRetryAfter();
    }
}
