using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Media;

namespace Selah.Server.Features.Demo;

/// <summary>
/// Records a hymn locally: ABC → <c>abc2midi</c> → <c>fluidsynth</c> with the Debian General MIDI soundfont → <c>ffmpeg</c>
/// to FLAC with tags. Results are cached in <c>&lt;DataDirectory&gt;/demo-cache/</c> under a hash of the ABC and the render
/// settings, so a second run (or a restart) reuses them. Nothing is downloaded.
/// </summary>
public sealed class HymnRenderer(IOptions<SelahOptions> selah, ILogger<HymnRenderer> logger)
{
    public const string SoundFont = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
    private const string RenderVersion = "1"; // bump when the pipeline below changes what it produces
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);
    private int _renders;

    /// <summary>The tools and the Debian package that provides each.</summary>
    public static IReadOnlyList<(string Tool, string Package)> Requirements { get; } =
        [("abc2midi", "abcmidi"), ("fluidsynth", "fluidsynth"), ("ffmpeg", "ffmpeg")];

    public string CacheDirectory => Path.Combine(selah.Value.FullDataDirectory, "demo-cache");

    /// <summary>How many hymns this instance actually rendered (cache misses).</summary>
    public int Renders => _renders;

    /// <summary>What is missing to render, as "tool (Debian package 'x')" phrases; empty when everything is there.</summary>
    public static IReadOnlyList<string> MissingTools()
    {
        var missing = Requirements.Where(r => FindOnPath(r.Tool) is null).Select(r => $"{r.Tool} (Debian package '{r.Package}')").ToList();
        if (!File.Exists(SoundFont))
        {
            missing.Add($"{SoundFont} (Debian package 'fluid-soundfont-gm')");
        }

        return missing;
    }

    public string CachePathFor(DemoHymn hymn)
    {
        var settings = string.Join("\n", RenderVersion, SoundFont, hymn.ToAbc(), hymn.Title, hymn.Artist, hymn.Album, hymn.TrackNumber, hymn.Year);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..24];
        return Path.Combine(CacheDirectory, $"{hymn.Number:D2}-{hash}.flac");
    }

    /// <summary>The FLAC recording of <paramref name="hymn"/>, rendered now unless the cache already has it.</summary>
    public async Task<string> RenderAsync(DemoHymn hymn, CancellationToken cancellationToken)
    {
        var output = CachePathFor(hymn);
        if (File.Exists(output))
        {
            return output;
        }

        Directory.CreateDirectory(CacheDirectory);
        var work = Path.Combine(CacheDirectory, $"work-{Guid.NewGuid():n}");
        Directory.CreateDirectory(work);
        try
        {
            var abc = Path.Combine(work, "hymn.abc");
            var midi = Path.Combine(work, "hymn.mid");
            var wav = Path.Combine(work, "hymn.wav");
            var flac = Path.Combine(work, "hymn.flac");
            await File.WriteAllTextAsync(abc, hymn.ToAbc(), cancellationToken);
            await CompileAsync(abc, midi, cancellationToken);
            await ToolProcess.RunAsync("fluidsynth", ["-n", "-i", "-q", "-g", "0.9", "-r", "44100", "-F", wav, SoundFont, midi], StepTimeout, cancellationToken);
            await ToolProcess.RunAsync("ffmpeg", [
                "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", wav,
                // Trim the synthesiser's silent tail beyond two seconds and fade the last one out.
                "-af", "silenceremove=stop_periods=-1:stop_duration=2:stop_threshold=-60dB",
                "-metadata", $"title={hymn.Title}", "-metadata", $"artist={hymn.Artist}", "-metadata", $"album={hymn.Album}",
                "-metadata", $"track={hymn.TrackNumber}", "-metadata", $"date={hymn.Year.ToString(CultureInfo.InvariantCulture)}",
                "-metadata", "genre=Hymns", "-metadata", $"composer={hymn.Credits}",
                "-c:a", "flac", "-compression_level", "5", flac,
            ], StepTimeout, cancellationToken);
            File.Move(flac, output, overwrite: true); // appears complete or not at all
            Interlocked.Increment(ref _renders);
            logger.LogInformation("Rendered demo hymn {Title} to {Path}", hymn.Title, output);
            return output;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>ABC → MIDI; abc2midi reports problems on stdout and may still exit 0, so its output is checked.</summary>
    public static async Task CompileAsync(string abcPath, string midiPath, CancellationToken cancellationToken)
    {
        var output = await ToolProcess.RunAsync("abc2midi", [abcPath, "-o", midiPath], StepTimeout, cancellationToken);
        var problems = output.Split('\n').Where(l => l.StartsWith("Error", StringComparison.OrdinalIgnoreCase)).ToList();
        if (problems.Count > 0 || !File.Exists(midiPath))
        {
            throw new MediaToolException($"abc2midi could not compile {Path.GetFileName(abcPath)}: {string.Join("; ", problems)} {output}".Trim());
        }
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}
