using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Selah.Server.Features.Demo;
using Selah.Server.Infrastructure.Configuration;

namespace Selah.Tests.Features.Demo;

/// <summary>The local recording pipeline (abc2midi → fluidsynth → ffmpeg) with the real Debian tools.</summary>
public sealed class HymnRenderingTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("selah-demo-").FullName;

    public static TheoryData<int> Hymns => [.. DemoHymns.All.Select(h => h.Number)];

    [Fact]
    public void Rendering_tools_are_installed()
    {
        Assert.Empty(HymnRenderer.MissingTools());
    }

    [Theory]
    [MemberData(nameof(Hymns))]
    public async Task Abc_source_compiles_with_abc2midi_without_errors(int number)
    {
        var hymn = DemoHymns.All.Single(h => h.Number == number);
        var abc = Path.Combine(_dataDirectory, $"{number}.abc");
        var midi = Path.Combine(_dataDirectory, $"{number}.mid");
        await File.WriteAllTextAsync(abc, hymn.ToAbc());

        await HymnRenderer.CompileAsync(abc, midi, default);

        Assert.True(new FileInfo(midi).Length > 100, "a MIDI file with notes");
        Assert.Equal("MThd", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(midi), 0, 4));
    }

    [Fact]
    public async Task Rendered_hymn_lasts_as_long_as_its_music_and_is_cached()
    {
        var renderer = new HymnRenderer(Options.Create(new SelahOptions { DataDirectory = _dataDirectory }), NullLogger<HymnRenderer>.Instance);
        var hymn = DemoHymns.All.MinBy(h => h.MusicSeconds)!; // the shortest, to keep CI quick

        var file = await renderer.RenderAsync(hymn, default);

        Assert.StartsWith(Path.Combine(_dataDirectory, "demo-cache"), file, StringComparison.Ordinal);
        var (duration, codec, title) = await ProbeAsync(file);
        Assert.Equal("flac", codec);
        Assert.Equal(hymn.Title, title);
        // The music plus the instrument's release (trimmed to at most ~2 s of silence).
        Assert.InRange(duration, hymn.MusicSeconds - 1, hymn.MusicSeconds + 6);
        Assert.True(hymn.Timings()[^1].Seconds < duration);
        Assert.Equal(1, renderer.Renders);

        var written = File.GetLastWriteTimeUtc(file);
        var again = await renderer.RenderAsync(hymn, default);

        Assert.Equal(file, again);
        Assert.Equal(1, renderer.Renders); // served from the cache, not rendered again
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal([Path.GetFileName(file)], Directory.GetFileSystemEntries(renderer.CacheDirectory).Select(Path.GetFileName));

        var restarted = new HymnRenderer(Options.Create(new SelahOptions { DataDirectory = _dataDirectory }), NullLogger<HymnRenderer>.Instance);
        Assert.Equal(file, await restarted.RenderAsync(hymn, default));
        Assert.Equal(0, restarted.Renders); // a new process finds the cache too
    }

    private static async Task<(double Duration, string Codec, string Title)> ProbeAsync(string file)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-v", "error", "-show_entries", "format=duration:stream=codec_name:format_tags=title", "-of", "default=noprint_wrappers=1", file })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Replace("TAG:", "", StringComparison.Ordinal).ToLowerInvariant(), p => p[1].Trim());
        return (double.Parse(values["duration"], CultureInfo.InvariantCulture), values["codec_name"], values["title"]);
    }

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);
}
