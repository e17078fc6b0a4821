using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Selah.Server.Features.Media.Import;
using Selah.Contracts.Catalog;
using Selah.Contracts.Media;
using Selah.Tests.Testing;
using static Selah.Tests.Features.Import.ImportSteps;

namespace Selah.Tests.Features.Import;

/// <summary>Admin bulk import from a zip or a server folder: grouping by tags, covers, duplicates, report, safety, access.</summary>
public sealed class ImportApiTests(ImportFactory factory) : IClassFixture<ImportFactory>
{
    [Fact]
    public async Task Zip_import_groups_tracks_by_tags_reports_skipped_files_and_queues_processing()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var marker = CatalogSteps.NewMarker();
        var cantor = $"Cantor {marker}";
        var choir = $"Choir {marker}";
        var zip = Zip(
            new Entry("Cantor/Vespers/01.mp3", await Mp3Async("Phos Hilaron", cantor, "Vespers", 2, "1/2", withCover: true)),
            new Entry("Cantor/Vespers/02.flac", await AudioAsync("flac", 3, new Dictionary<string, string>
                { ["title"] = "Magnificat", ["artist"] = cantor, ["album"] = "Vespers", ["track"] = "2/2" })),
            new Entry("Cantor/Matins/01.ogg", await AudioAsync("ogg", 2.5, new Dictionary<string, string>
                { ["title"] = "Venite", ["artist"] = cantor, ["album"] = "Matins" })),
            new Entry("Choir/Lauds/a.m4a", await AudioAsync("m4a", 2, new Dictionary<string, string>
                { ["title"] = "Benedictus", ["artist"] = choir, ["album"] = "Lauds" })),
            new Entry("Choir/Lauds/folder.jpg", await JpegAsync()),
            new Entry("Choir/Lauds/b.wav", await AudioAsync("wav", 1.5, new Dictionary<string, string>
                { ["title"] = "Te Deum", ["artist"] = choir, ["album"] = "Lauds" })),
            new Entry("notes/readme.txt", Encoding.UTF8.GetBytes("Liner notes, not audio.")),
            new Entry("more.zip", Zip(new Entry("inner.mp3", [1, 2, 3]))));

        var import = await admin.ImportZipAsync(zip);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal(ImportKind.Zip, import.Kind);
        Assert.Equal(new ImportTotals(FilesFound: 7, FilesSeen: 7, Imported: 5, Duplicates: 0, Skipped: 2, Failed: 0), import.Totals);
        Assert.Equal(2, import.Report.Count);
        Assert.Contains(import.Report, i => i.Path == "notes/readme.txt" && i.Outcome == ImportOutcome.Skipped && i.Reason!.Contains("Not a supported audio format"));
        Assert.Contains(import.Report, i => i.Path == "more.zip" && i.Outcome == ImportOutcome.Skipped && i.Reason!.Contains("nested archives are not followed"));
        Assert.NotNull(import.StartedAt);
        Assert.NotNull(import.FinishedAt);

        var imported = await admin.ItemsAsync(import.Id, "imported");
        Assert.Equal(5, imported.Count);
        var tracks = new Dictionary<string, TrackResponse>();
        foreach (var item in imported)
        {
            tracks[item.Path] = await (await admin.GetAsync($"/api/v1/tracks/{item.TrackId}")).ReadJsonAsync<TrackResponse>();
        }

        var one = tracks["Cantor/Vespers/01.mp3"];
        var two = tracks["Cantor/Vespers/02.flac"];
        Assert.Equal("Phos Hilaron", one.Title);
        Assert.Equal(1, one.TrackNumber);
        Assert.Equal(2, two.TrackNumber);
        Assert.Equal(cantor, one.Artist.Name);
        Assert.Equal(one.Artist.Id, two.Artist.Id);
        Assert.Equal(one.Album!.Id, two.Album!.Id);
        Assert.Equal("Vespers", one.Album.Title);
        Assert.NotNull(one.Album.CoverUrl); // embedded picture
        var matins = tracks["Cantor/Matins/01.ogg"];
        Assert.Equal(one.Artist.Id, matins.Artist.Id);
        Assert.Equal("Matins", matins.Album!.Title);
        Assert.NotEqual(one.Album.Id, matins.Album.Id);
        Assert.InRange(matins.DurationSeconds ?? 0, 2.3, 2.7);
        var lauds = tracks["Choir/Lauds/a.m4a"];
        Assert.Equal(choir, lauds.Artist.Name);
        Assert.Equal(lauds.Album!.Id, tracks["Choir/Lauds/b.wav"].Album!.Id);
        Assert.NotNull(lauds.Album.CoverUrl); // folder.jpg beside the files
        Assert.All(tracks.Values, t => Assert.True(t.Status is TrackStatus.Processing or TrackStatus.Ready));

        // Transcoding was queued, not done inline: the normal processing job takes each track to ready.
        var ready = await admin.WaitForProcessingAsync(one.Id);
        Assert.True(ready.Status == TrackStatus.Ready, ready.Error);
        Assert.InRange(ready.DurationSeconds ?? 0, 1.9, 2.2);

        var audit = await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == "import.start" && a.TargetId == import.Id.ToString()).CountAsync());
        Assert.Equal(1, audit);
        var list = await (await admin.GetAsync("/api/v1/admin/imports?limit=100")).ReadJsonAsync<Selah.Contracts.Admin.Page<ImportSummary>>();
        Assert.Contains(list.Items, i => i.Id == import.Id && i.Status == ImportStatus.Completed && i.Totals.Imported == 5);
    }

    [Fact]
    public async Task Duplicates_by_fingerprint_or_by_tags_and_duration_are_skipped_within_the_batch_and_against_the_catalogue()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var marker = CatalogSteps.NewMarker();
        var artist = $"Psalmist {marker}";
        int fa = NewFrequency(), fc = NewFrequency(), fd = NewFrequency(), fd2 = NewFrequency(), fe = NewFrequency();
        var existing = await Mp3Async("Alpha", artist, "Songs", 2, frequency: fa);
        var uploaded = await admin.UploadAcceptedAsync(existing, "alpha.mp3");

        var zip = Zip(
            // Same audio as the catalogue's track, different tags → fingerprint duplicate.
            new Entry("a-retagged.mp3", await Mp3Async("Alpha (renamed)", $"Someone {marker}", "Elsewhere", 2, frequency: fa)),
            // Same tags as the catalogue's track, other audio and encoding (FLAC), duration within 2 s → tag duplicate.
            new Entry("b-same-tags.flac", await AudioAsync("flac", 2.5, new Dictionary<string, string>
                { ["title"] = "alpha", ["artist"] = artist.ToUpperInvariant(), ["album"] = "Songs" })),
            new Entry("c1.mp3", await Mp3Async("Gamma", artist, "Songs", 3, frequency: fc)),
            new Entry("c2.mp3", await Mp3Async("Gamma copy", artist, "Other", 3, frequency: fc)), // same audio as c1
            new Entry("d1.mp3", await Mp3Async("Delta", artist, "Songs", 4, frequency: fd)),
            new Entry("d2.wav", await AudioAsync("wav", 5.5, new Dictionary<string, string>
                { ["title"] = "Delta", ["artist"] = artist, ["album"] = "Songs" }, frequency: fd2)), // 1.5 s longer: within 2 s
            new Entry("e.mp3", await Mp3Async("Delta", artist, "Songs", 9, frequency: fe))); // same tags, 5 s longer: a different recording

        var import = await admin.ImportZipAsync(zip);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal(3, import.Totals.Imported);
        Assert.Equal(4, import.Totals.Duplicates);
        var duplicates = (await admin.ItemsAsync(import.Id, "duplicate")).ToDictionary(i => i.Path);
        var imported = (await admin.ItemsAsync(import.Id, "imported")).ToDictionary(i => i.Path);
        Assert.Equal(["a-retagged.mp3", "b-same-tags.flac", "c2.mp3", "d2.wav"], duplicates.Keys.Order());
        Assert.Equal(["c1.mp3", "d1.mp3", "e.mp3"], imported.Keys.Order());

        Assert.Equal(uploaded.Id, duplicates["a-retagged.mp3"].DuplicateOfTrackId);
        Assert.Contains("Same audio", duplicates["a-retagged.mp3"].Reason);
        Assert.Equal(uploaded.Id, duplicates["b-same-tags.flac"].DuplicateOfTrackId);
        Assert.Contains("Same artist, album, title and duration", duplicates["b-same-tags.flac"].Reason);
        Assert.Equal(imported["c1.mp3"].TrackId, duplicates["c2.mp3"].DuplicateOfTrackId);
        Assert.Contains("Same audio as 'c1.mp3' in this import", duplicates["c2.mp3"].Reason);
        Assert.Equal(imported["d1.mp3"].TrackId, duplicates["d2.wav"].DuplicateOfTrackId);
        Assert.Contains("title and duration", duplicates["d2.wav"].Reason);
        Assert.Null(duplicates["d2.wav"].TrackId);

        // Importing the same archive again: everything is now in the catalogue.
        var again = await admin.ImportZipAsync(zip);
        Assert.Equal(0, again.Totals.Imported);
        Assert.Equal(7, again.Totals.Duplicates);
    }

    [Fact]
    public async Task Zip_slip_entries_are_rejected_and_nothing_is_written_outside_the_temp_folder()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var marker = CatalogSteps.NewMarker();
        var audio = await Mp3Async($"Slip {marker}", $"Slip {marker}", "Zip", 2);
        var outside = Path.GetFullPath(Path.Combine(factory.DataDirectory, "..", $"evil-{marker}.mp3"));
        const int Symlink = 0xA1FF; // S_IFLNK | 0777
        var zip = Zip(
            new Entry($"../evil-{marker}.mp3", audio),
            new Entry($"a/../../evil-{marker}.mp3", audio),
            new Entry($"/tmp/abs-{marker}.mp3", audio),
            new Entry($"C:/Windows/drive-{marker}.mp3", audio),
            new Entry($"..\\back-{marker}.mp3", audio),
            new Entry("link.mp3", Encoding.UTF8.GetBytes("/etc/passwd"), Symlink),
            new Entry("fine/ok.mp3", await Mp3Async($"Fine {marker}", $"Slip {marker}", "Zip", 3)));

        var import = await admin.ImportZipAsync(zip);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal(1, import.Totals.Imported);
        Assert.Equal(6, import.Totals.Skipped);
        var reasons = import.Report.ToDictionary(i => i.Path, i => i.Reason);
        Assert.Contains("'..'", reasons[$"../evil-{marker}.mp3"]);
        Assert.Contains("'..'", reasons[$"a/../../evil-{marker}.mp3"]);
        Assert.Contains("absolute path", reasons[$"/tmp/abs-{marker}.mp3"]);
        Assert.Contains("drive letter", reasons[$"C:/Windows/drive-{marker}.mp3"]);
        Assert.Contains("'..'", reasons[$"..\\back-{marker}.mp3"]);
        Assert.Contains("Symbolic link", reasons["link.mp3"]);

        Assert.False(File.Exists(outside));
        Assert.False(File.Exists($"/tmp/abs-{marker}.mp3"));
        Assert.False(File.Exists(Path.Combine(Path.GetTempPath(), $"evil-{marker}.mp3")));
        var leftovers = Directory.Exists(Path.Combine(factory.DataDirectory, "tmp", "imports"))
            ? Directory.GetFiles(Path.Combine(factory.DataDirectory, "tmp", "imports"), "*", SearchOption.AllDirectories) : [];
        Assert.Empty(leftovers);
        Assert.Empty(Directory.GetFiles(Path.Combine(factory.DataDirectory, "imports"))); // the upload is removed once the import ends
    }

    [Fact]
    public async Task Folder_import_under_an_allowed_root_reads_the_tree_and_refuses_links_leading_outside()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var marker = CatalogSteps.NewMarker();
        var folder = Directory.CreateDirectory(Path.Combine(factory.Root, $"library-{marker}", "Hymns")).Parent!.FullName;
        await File.WriteAllBytesAsync(Path.Combine(folder, "Hymns", "1.mp3"), await Mp3Async("Abide", $"Organist {marker}", "Hymns", 2));
        await File.WriteAllBytesAsync(Path.Combine(folder, "Hymns", "2.mp3"), await Mp3Async("Be Thou", $"Organist {marker}", "Hymns", 3));
        await File.WriteAllBytesAsync(Path.Combine(folder, "Hymns", "cover.jpg"), await JpegAsync());
        var elsewhere = Directory.CreateTempSubdirectory("selah-outside-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(elsewhere, "secret.mp3"), await Mp3Async("Secret", "Outsider", "Nope", 2));
        File.CreateSymbolicLink(Path.Combine(folder, "escape.mp3"), Path.Combine(elsewhere, "secret.mp3"));
        Directory.CreateSymbolicLink(Path.Combine(folder, "escape-dir"), elsewhere);

        var response = await admin.PostJsonAsync("/api/v1/admin/imports/folder", new { folder });
        var started = await response.ReadJsonAsync<ImportResponse>(HttpStatusCode.Accepted);
        Assert.Equal(ImportKind.Folder, started.Kind);
        var import = await admin.WaitForImportAsync(started.Id);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal(2, import.Totals.Imported);
        Assert.Equal(2, import.Totals.Skipped);
        Assert.Contains(import.Report, i => i.Path == "escape.mp3" && i.Reason!.Contains("outside the allowed import roots"));
        Assert.Contains(import.Report, i => i.Path == "escape-dir" && i.Reason!.Contains("outside the allowed import roots"));
        var item = (await admin.ItemsAsync(import.Id, "imported")).First();
        var track = await (await admin.GetAsync($"/api/v1/tracks/{item.TrackId}")).ReadJsonAsync<TrackResponse>();
        Assert.Equal($"Organist {marker}", track.Artist.Name);
        Assert.NotNull(track.Album?.CoverUrl);
        Directory.Delete(elsewhere, true);
    }

    [Fact]
    public async Task An_interrupted_import_resumes_with_the_files_it_had_not_recorded()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var marker = CatalogSteps.NewMarker();
        var folder = Directory.CreateDirectory(Path.Combine(factory.Root, $"resume-{marker}")).FullName;
        foreach (var name in new[] { "a", "b", "c" })
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, $"{name}.mp3"), await Mp3Async($"Song {name}", $"Resumer {marker}", "Again", 2));
        }

        // The state a crash leaves behind: the import running, a.mp3 already recorded (its track committed with it).
        var id = Guid.CreateVersion7();
        await factory.WithDbAsync(async db =>
        {
            var adminId = await db.Users.Where(u => u.Email == SelahFactory.AdminEmail).Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            db.ImportBatches.Add(new ImportBatch
            {
                Id = id, Kind = ImportKind.Folder, Source = ImportSafety.RealPath(folder), Status = ImportStatus.Running,
                StartedById = adminId, FilesFound = 3, Imported = 1, CreatedAt = now, StartedAt = now,
            });
            db.ImportItems.Add(new ImportItem { ImportId = id, Path = "a.mp3", Outcome = ImportOutcome.Imported });
            return await db.SaveChangesAsync();
        });
        await ImportJob.ScheduleAsync(factory.Services.GetRequiredService<ISchedulerFactory>(), id, CancellationToken.None);

        var import = await admin.WaitForImportAsync(id);

        Assert.True(import.Status == ImportStatus.Completed, import.Error);
        Assert.Equal(new ImportTotals(3, 3, 3, 0, 0, 0), import.Totals);
        var items = await admin.ItemsAsync(id);
        Assert.Equal(["a.mp3", "b.mp3", "c.mp3"], items.Select(i => i.Path).Order());
        Assert.Null(items.Single(i => i.Path == "a.mp3").TrackId); // not imported a second time
        var titles = await factory.WithDbAsync(db => db.Tracks.Where(t => t.Artist.Name == $"Resumer {marker}").Select(t => t.Title).ToListAsync());
        Assert.Equal(["Song b", "Song c"], titles.Order());
    }

    [Fact]
    public async Task Folders_outside_the_roots_traversal_links_and_missing_folders_are_rejected_naming_folder()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var outside = Directory.CreateTempSubdirectory("selah-not-root-").FullName;
        var link = Path.Combine(factory.Root, $"link-{Guid.NewGuid():N}");
        Directory.CreateSymbolicLink(link, outside);
        try
        {
            foreach (var folder in new[] { outside, "/etc", $"{factory.Root}/../{Path.GetFileName(outside)}", link, Path.Combine(factory.Root, "does-not-exist"), "relative/path", "" })
            {
                var response = await admin.PostJsonAsync("/api/v1/admin/imports/folder", new { folder });
                await response.ShouldBeValidationProblemAsync("folder");
            }

            var missing = await admin.PostRawJsonAsync("/api/v1/admin/imports/folder", "{}");
            await missing.ShouldBeValidationProblemAsync("folder");
        }
        finally
        {
            Directory.Delete(link);
            Directory.Delete(outside, true);
        }
    }

    [Fact]
    public async Task Bad_uploads_are_problems_naming_file()
    {
        using var admin = await factory.CreateAdminClientAsync();
        await (await admin.PostZipAsync(Encoding.UTF8.GetBytes("This is not a zip archive at all, only text."))).ShouldBeValidationProblemAsync("file");
        await (await admin.PostZipAsync([])).ShouldBeValidationProblemAsync("file");
        await (await admin.PostZipAsync(Zip())).ShouldBeValidationProblemAsync("file"); // no entries
        var noFile = await admin.PostAsync("/api/v1/admin/imports/zip", new MultipartFormDataContent { { new StringContent("x"), "other" } });
        await noFile.ShouldBeValidationProblemAsync("file");
        var notMultipart = await admin.PostRawJsonAsync("/api/v1/admin/imports/zip", "{}");
        await notMultipart.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType); // the endpoint only accepts multipart/form-data
        Assert.Empty(Directory.Exists(Path.Combine(factory.DataDirectory, "imports"))
            ? Directory.GetFiles(Path.Combine(factory.DataDirectory, "imports")).Where(f => new FileInfo(f).Length < 100).ToArray() : []);
        await (await admin.GetAsync($"/api/v1/admin/imports/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await admin.GetAsync("/api/v1/admin/imports?cursor=nope")).ShouldBeValidationProblemAsync("cursor");
        await (await admin.GetAsync("/api/v1/admin/imports?limit=0")).ShouldBeValidationProblemAsync("limit");
    }

    [Fact]
    public async Task Only_admins_may_import_or_see_imports()
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var artist = await factory.CreateArtistClientAsync(admin);
        var listener = await factory.SignInNewUserAsync();
        using var listenerClient = factory.CreateClient(listener.AccessToken);
        using var anonymous = factory.CreateClient();
        var zip = Zip(new Entry("x.txt", [1, 2, 3]));
        foreach (var client in new[] { artist, listenerClient })
        {
            await (await client.PostZipAsync(zip)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostJsonAsync("/api/v1/admin/imports/folder", new { folder = factory.Root })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/v1/admin/imports")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync($"/api/v1/admin/imports/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
            await (await client.DeleteAsync($"/api/v1/admin/imports/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        }

        await (await anonymous.GetAsync("/api/v1/admin/imports")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_finished_import_cannot_be_cancelled()
    {
        using var admin = await factory.CreateAdminClientAsync();
        var import = await admin.ImportZipAsync(Zip(new Entry("x.txt", [1, 2, 3])));
        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal(1, import.Totals.Skipped);
        await (await admin.DeleteAsync($"/api/v1/admin/imports/{import.Id}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
