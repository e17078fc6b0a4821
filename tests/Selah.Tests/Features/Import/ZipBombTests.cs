using System.Net;
using Selah.Contracts.Media;
using Selah.Tests.Testing;
using static Selah.Tests.Features.Import.ImportSteps;

namespace Selah.Tests.Features.Import;

/// <summary>Small zip-bomb limits, so the defences run on a few megabytes.</summary>
public sealed class SmallImportLimitsFactory : ImportFactory
{
    public const int TotalLimit = 6 * 1024 * 1024;
    public const int EntryLimit = 20;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        base.ConfigureSettings(settings);
        settings["Selah:Import:MaxTotalUncompressedBytes"] = TotalLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Selah:Import:MaxEntries"] = EntryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>Zip bombs: a high-ratio entry is refused while extracting, the total cap stops the import, too many entries is a 400.</summary>
public sealed class ZipBombTests(SmallImportLimitsFactory factory) : IClassFixture<SmallImportLimitsFactory>
{
    [Fact]
    public async Task An_entry_with_an_extreme_compression_ratio_is_refused_and_the_rest_imported()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var marker = CatalogSteps.NewMarker();
        var zip = Zip(
            new Entry("bomb.mp3", new byte[30 * 1024 * 1024]), // 30 MB of zeros deflate to ~30 KB: ratio ~1000:1
            new Entry("ok.mp3", await Mp3Async("Fine", $"Safe {marker}", "Album", 2)));
        Assert.True(zip.Length < 200 * 1024);

        var import = await admin.ImportZipAsync(zip);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal(1, import.Totals.Imported);
        var bomb = Assert.Single(import.Report);
        Assert.Equal("bomb.mp3", bomb.Path);
        Assert.Equal(ImportOutcome.Skipped, bomb.Outcome);
        Assert.Contains("Compression ratio above", bomb.Reason);
    }

    [Fact]
    public async Task The_total_decompressed_size_cap_stops_the_import()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var random = new Random(7);
        var entries = Enumerable.Range(1, 4).Select(i =>
        {
            var bytes = new byte[2 * 1024 * 1024 + 1000]; // incompressible, so the ratio rule does not fire first
            random.NextBytes(bytes);
            return new Entry($"noise{i}.mp3", bytes, Store: true);
        }).ToArray();

        var import = await admin.ImportZipAsync(Zip(entries));

        Assert.Equal(ImportStatus.Failed, import.Status);
        Assert.Contains("total size limit", import.Error);
        var report = import.Report.ToDictionary(i => i.Path);
        Assert.Contains("total size limit", report["noise3.mp3"].Reason);
        Assert.Contains("Not a supported audio format", report["noise1.mp3"].Reason);
        Assert.False(report.ContainsKey("noise4.mp3"));
        Assert.Equal(3, import.Totals.FilesSeen);
        Assert.Equal(4, import.Totals.FilesFound);
    }

    [Fact]
    public async Task Too_many_entries_is_refused_before_anything_is_read()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var zip = Zip(Enumerable.Range(0, SmallImportLimitsFactory.EntryLimit + 1).Select(i => new Entry($"f{i}.txt", [1])).ToArray());
        var problem = await (await admin.PostZipAsync(zip)).ShouldBeValidationProblemAsync("file");
        Assert.Contains("entries", problem.ToString());
    }
}
