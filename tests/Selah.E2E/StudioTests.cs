using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Selah.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Selah.E2E;

/// <summary>The artist/admin studio: upload through the page, processing to ready, preview playback, both pages at desktop and phone width.</summary>
public sealed class StudioTests(E2EFixture fixture, ITestOutputHelper output) : BrowserTest(fixture, output, "studio")
{
    /// <summary>Processing runs ffmpeg several times (loudness, Opus, AAC, HLS, waveform); allow a slow, shared machine.</summary>
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public Task Admin_uploads_an_mp3_sees_it_become_ready_and_plays_it() => RunAsync(async () =>
    {
        var title = "E2E Sine Hymn " + Guid.NewGuid().ToString("N")[..8];
        var mp3 = await MakeMp3Async();

        // Every full page load boots the WebAssembly runtime again, which on a busy machine can take longer than the
        // default timeout: load once, then move only by in-app navigation.
        Page.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(90_000);

        Step("sign in as the admin and open the upload page from the menu");
        await Page.GotoAsync("/signin");
        await Field("Email").FillAsync(Server.AdminEmail);
        await Field("Password").FillAsync(Server.AdminPassword);
        await Button("Sign in").ClickAsync();
        await Assertions.Expect(Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"));
        await Page.GetByRole(AriaRole.Link, new() { Name = "Upload", Exact = true }).First.ClickAsync();
        await ExpectPathAsync("/studio/upload");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Upload", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(Button("Choose files")).ToBeEnabledAsync();
        await ScreenshotAsync("upload-empty");

        Step("choose two files (one is not audio), give the MP3 a title and upload both");
        var notAudio = Path.Combine(Path.GetTempPath(), $"selah-e2e-{Guid.NewGuid():N}-not-audio.mp3");
        await File.WriteAllTextAsync(notAudio, "This is a text file with an audio file's name.");
        await Page.Locator("input[type=file][aria-label='Audio files']").SetInputFilesAsync(new[] { mp3, notAudio });
        var fileName = Path.GetFileName(mp3);
        await Button($"Details for {fileName}").ClickAsync();
        await Field("Title").FillAsync(title);
        await ScreenshotAsync("upload-queued");
        await Button("Upload 2 files").ClickAsync();

        Step("wait until processing has finished");
        var row = Page.Locator("ul[aria-label='Files to upload'] > li").Filter(new() { HasText = title });
        await Assertions.Expect(row.GetByText("Ready", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = (float)ProcessingTimeout.TotalMilliseconds });
        var rejected = Page.Locator("ul[aria-label='Files to upload'] > li").Filter(new() { HasText = Path.GetFileName(notAudio) });
        await Assertions.Expect(rejected.GetByText("Not uploaded", new() { Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(rejected.GetByText("The file is not a supported audio format.")).ToBeVisibleAsync();
        await AssertNoSeriousAxeViolationsAsync("/studio/upload");
        await ScreenshotAsync("upload-ready");

        Step("upload page at phone width");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.WaitForTimeoutAsync(800); // let the layout's drawer finish closing before the picture
        await AssertNoHorizontalScrollAsync();
        await ScreenshotAsync("upload-phone");
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);

        Step("open the catalog from the finished upload and play the track");
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Manage {title} in your catalog" }).ClickAsync();
        await ExpectPathAsync("/studio/catalog");
        var play = Button($"Play {title}");
        await Assertions.Expect(play).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Tracks" }).GetByText("Ready", new() { Exact = true })).ToBeVisibleAsync();
        await play.ClickAsync();
        await Page.WaitForFunctionAsync("() => { const a = document.querySelector('audio'); return !!a && !a.paused && a.currentTime > 0.5; }");
        var position = await Page.EvaluateAsync<double>("() => document.querySelector('audio').currentTime");
        Assert.True(position > 0.5, $"the preview should be playing, but currentTime is {position}");
        await Assertions.Expect(Button($"Pause {title}")).ToBeVisibleAsync();
        var source = await Page.EvaluateAsync<string>("() => document.querySelector('audio').currentSrc");
        Output.WriteLine($"playing {source} at {position:0.00}s");
        await AssertNoSeriousAxeViolationsAsync("/studio/catalog");
        await ScreenshotAsync("catalog-playing");

        Step("pause, then edit the track's metadata in the dialog");
        await Button($"Pause {title}").ClickAsync();
        await Assertions.Expect(play).ToBeVisibleAsync();
        await Button($"Edit {title}").ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Track number", new() { Exact = true })).ToBeVisibleAsync();
        await dialog.GetByLabel("Track number", new() { Exact = true }).FillAsync("3");
        await dialog.GetByLabel("Scripture references", new() { Exact = true }).FillAsync("Ps.23, John.3.16");
        await dialog.GetByLabel("CCLI song number", new() { Exact = true }).FillAsync("1234567");
        await AssertNoSeriousAxeViolationsAsync("/studio/catalog (edit dialog)");
        await ScreenshotAsync("catalog-edit");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByText($"{title} saved.")).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);

        Step("the catalog at phone width");
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await Page.WaitForTimeoutAsync(800);
        await AssertNoHorizontalScrollAsync();
        await ScreenshotAsync("catalog-phone");
    });

    /// <summary>A 6-second stereo sine MP3 with an ID3 title that the upload's title field overrides.</summary>
    private static async Task<string> MakeMp3Async()
    {
        var file = Path.Combine(Path.GetTempPath(), $"selah-e2e-{Guid.NewGuid():N}.mp3");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=6:sample_rate=44100",
                     "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", "-metadata", "title=Tag Title", "-metadata", "artist=E2E Ensemble", file,
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        using var ffmpeg = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
        var errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0 && File.Exists(file), $"ffmpeg failed ({ffmpeg.ExitCode}): {await errors}");
        return file;
    }

    private async Task AssertNoHorizontalScrollAsync()
    {
        var overflow = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 1, $"the page scrolls sideways by {overflow}px at {Page.ViewportSize?.Width}px width");
    }

    private async Task AssertNoSeriousAxeViolationsAsync(string page)
    {
        var axePath = Path.Combine(RepoPaths.ToolsDir, "node_modules", "axe-core", "axe.min.js");
        Assert.True(File.Exists(axePath), $"{axePath} is missing: run `npm ci` in tests/tools (scripts/test.sh does).");
        await Page.AddScriptTagAsync(new() { Path = axePath });
        var violations = await Page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { resultTypes: ['violations'] });" +
            " return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help," +
            " nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })); }");
        var blocking = new StringBuilder();
        foreach (var v in violations.EnumerateArray())
        {
            var impact = v.GetProperty("impact").GetString();
            var line = $"{page}: {impact}: {v.GetProperty("id")} – {v.GetProperty("help")} at {string.Join(", ", v.GetProperty("nodes").EnumerateArray())}";
            Output.WriteLine(line);
            if (impact is "serious" or "critical")
            {
                blocking.AppendLine(line);
            }
        }

        Assert.True(blocking.Length == 0, $"axe found serious/critical violations:\n{blocking}");
    }
}
