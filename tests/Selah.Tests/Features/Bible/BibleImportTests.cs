using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Bible;
using Selah.Server.Features.Bible;
using Selah.Server.Infrastructure.Data;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary>Importing the SWORD modules: verse counts, idempotency, re-import, a missing module.</summary>
[Collection(BibleCollection.Name)]
public sealed class BibleImportTests(BibleFactory factory)
{
    [Fact]
    public async Task Translations_are_imported_with_the_module_verse_counts()
    {
        Assert.All(factory.Imports.Values, r => Assert.Equal(BibleImportOutcome.Imported, r.Outcome));
        using var client = factory.CreateClient();
        var translations = await (await client.GetAsync("/api/v1/bible/translations")).ReadJsonAsync<List<BibleTranslationResponse>>();

        Assert.Equal(["kjv", "web", "sparv"], translations.Select(t => t.Id));
        Assert.Equal(BibleBooks.KjvVerseTotal, translations[0].VerseCount);
        Assert.Equal(31_102, factory.Imports["kjv"].Verses);
        // The WEB (NRSVA versification) leaves out 9 verses the KJV has (Luke 17:36, Acts 8:37, ...); the RV 1909 module has 18 empty.
        Assert.Equal(31_095, translations[1].VerseCount);
        Assert.Equal(31_084, translations[2].VerseCount);
        Assert.Equal("es", translations[2].Language);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
        Assert.Equal(31_102, await db.BibleVerses.CountAsync(v => v.TranslationId == "kjv"));
        var chapters = await db.BibleVerses.Where(v => v.TranslationId == "kjv").Select(v => new { v.Book, v.Chapter }).Distinct().CountAsync();
        Assert.Equal(BibleBooks.KjvChapterTotal, chapters);
    }

    [Fact]
    public void Book_table_matches_the_kjv_totals()
    {
        Assert.Equal(66, BibleBooks.All.Count);
        Assert.Equal(BibleBooks.KjvVerseTotal, BibleBooks.All.Sum(b => b.VerseTotal));
        Assert.Equal(BibleBooks.KjvChapterTotal, BibleBooks.All.Sum(b => b.ChapterCount));
        Assert.True(BibleBooks.TryGet("Ps", out var psalms));
        Assert.Equal(150, psalms.ChapterCount);
        Assert.Equal(176, psalms.VerseCount(119));
        Assert.Equal(0, psalms.VerseCount(151));
        Assert.False(BibleBooks.TryGet("ps", out _));
        Assert.True(BibleBooks.TryGetIgnoreCase("1cor", out var corinthians));
        Assert.Equal("1Cor", corinthians.OsisId);
    }

    [Fact]
    public async Task Importing_again_is_a_no_op_and_a_forced_reimport_replaces_the_verses()
    {
        var importer = factory.Services.GetRequiredService<BibleImporter>();

        var again = await importer.ImportAsync("sparv", force: false, CancellationToken.None);
        var forced = await importer.ImportAsync("sparv", force: true, CancellationToken.None);

        Assert.Equal(BibleImportOutcome.AlreadyPresent, again.Outcome);
        Assert.Equal(BibleImportOutcome.Imported, forced.Outcome);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
        Assert.Equal(31_084, await db.BibleVerses.CountAsync(v => v.TranslationId == "sparv"));
        // The full-text index follows the replaced rows: one hit per verse, no stale entries.
        using var client = factory.CreateClient();
        var search = await (await client.GetAsync("/api/v1/bible/sparv/search?q=unig%C3%A9nito&limit=100")).ReadJsonAsync<BibleSearchResponse>();
        Assert.Equal(search.Hits.Count, search.Hits.Select(h => h.Osis).Distinct().Count());
        Assert.Contains(search.Hits, h => h.Osis == "John.3.16");
    }

    [Fact]
    public async Task A_missing_module_is_reported_with_its_package_and_nothing_is_written()
    {
        var empty = Directory.CreateTempSubdirectory("selah-sword-").FullName;
        try
        {
            var importer = new BibleImporter(factory.Services.GetRequiredService<IDbContextFactory<SelahDbContext>>(),
                Options.Create(new BibleOptions { SwordPath = empty }), TimeProvider.System, NullLogger<BibleImporter>.Instance);

            var result = await importer.ImportAsync("web", force: true, CancellationToken.None);
            var unknown = await importer.ImportAsync("niv", force: false, CancellationToken.None);

            Assert.Equal(BibleImportOutcome.Unavailable, result.Outcome);
            Assert.Contains("sword-text-web", result.Message);
            Assert.Equal(BibleImportOutcome.Failed, unknown.Outcome);
            using var client = factory.CreateClient();
            var translations = await (await client.GetAsync("/api/v1/bible/translations")).ReadJsonAsync<List<BibleTranslationResponse>>();
            Assert.Equal(31_095, translations.Single(t => t.Id == "web").VerseCount);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void Osis_markup_becomes_plain_text_runs_and_headings()
    {
        var entry = OsisText.Convert(
            """<title canonical="true" type="psalm">A <w lemma="strong:H4210">Psalm</w> of David.</title> <l level="1" sID="x"/>The <divineName><w lemma="strong:H3068">LORD</w></divineName> <transChange type="added">is</transChange> my shepherd; I shall not want.<note placement="foot"><reference type="annotateRef">1.1 </reference>a footnote</note> <q marker="" who="Jesus">Follow &amp; me.</q>""");

        Assert.Equal("The LORD is my shepherd; I shall not want. Follow & me.", entry.Text);
        Assert.Equal(["A Psalm of David."], entry.Headings);
        Assert.Contains(new VerseRun("LORD", VerseStyle.DivineName), entry.Runs);
        Assert.Contains(new VerseRun("is", VerseStyle.Added), entry.Runs);
        Assert.Equal(new VerseRun("Follow & me.", VerseStyle.WordsOfChrist), entry.Runs[^1]);
        Assert.Equal(entry.Text, string.Concat(VerseMarkup.Parse(entry.Text, VerseMarkup.Serialize(entry.Runs)).Select(r => r.Text)));
    }

    [Fact]
    public void A_footnote_standing_between_two_words_leaves_a_space_but_not_before_punctuation()
    {
        // WEB John 3:8 as the module has it: the note replaced the space between "wind" and "blows".
        var entry = OsisText.Convert(
            """<q marker="" who="Jesus"><w lemma="strong:G3956">The</w> <w lemma="strong:G4151">wind</w></q><note placement="foot"><reference type="annotateRef">3:8 </reference>The same Greek word means wind.</note><q marker="" who="Jesus"><w lemma="strong:G4154">blows</w> where it wants to.</q> A word<note placement="foot">n</note>, then more.""");

        Assert.Equal("The wind blows where it wants to. A word, then more.", entry.Text);
    }
}

/// <summary>A configured translation whose SWORD module is missing: the server starts, warns, and lists no translation.</summary>
public sealed class BibleMissingModuleStartupTests(BibleMissingModuleStartupTests.Factory factory) : IClassFixture<BibleMissingModuleStartupTests.Factory>
{
    public sealed class Factory : SelahFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            settings["Selah:Bible:Translations"] = "kjv,web";
            settings["Selah:Bible:SwordPath"] = Path.Combine(DataDirectory, "no-sword-here");
        }
    }

    [Fact]
    public async Task Server_starts_and_reports_the_missing_package()
    {
        using var client = factory.CreateClient();
        var seeder = factory.Services.GetRequiredService<BibleSeeder>();
        await seeder.Completion;

        var translations = await (await client.GetAsync("/api/v1/bible/translations")).ReadJsonAsync<List<BibleTranslationResponse>>();
        var reason = factory.Services.GetRequiredService<BibleImporter>().Unavailable(SwordTranslations.Find("kjv")!);

        Assert.Equal(["kjv", "web"], seeder.Configured());
        Assert.Empty(translations);
        Assert.Contains("apt-get install sword-text-kjv", reason);
        await (await client.GetAsync("/api/v1/bible/kjv/John.3")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
