using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;

namespace Selah.Server.Infrastructure.Media;

/// <summary>EBU R128 integrated loudness (LUFS) and true peak (dBTP).</summary>
public sealed record Loudness(double IntegratedLufs, double TruePeakDb);

/// <summary>ffmpeg adapter: every command is an argument list; long work has a timeout proportional to the audio's length.</summary>
public sealed class Ffmpeg(string path)
{
    private static readonly string[] Quiet = ["-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y"];

    public static TimeSpan TimeoutFor(double? durationSeconds) =>
        TimeSpan.FromSeconds(120 + 2 * Math.Max(0, durationSeconds ?? 3600));

    public string Path => path;

    /// <summary>Whether the binary can be started (used at start-up to report a missing installation).</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ToolProcess.RunAsync(path, ["-hide_banner", "-version"], TimeSpan.FromSeconds(20), cancellationToken);
            return true;
        }
        catch (MediaToolException)
        {
            return false;
        }
    }

    public Task ExtractCoverAsync(string input, string output, CancellationToken cancellationToken) =>
        RunAsync([.. Quiet, "-i", input, "-map", "0:v:0", "-frames:v", "1", "-an", "-vf", "scale='min(1200,iw)':-2", "-c:v", "mjpeg", "-f", "image2", output],
            TimeSpan.FromMinutes(1), cancellationToken);

    public async Task<Loudness> MeasureLoudnessAsync(string input, double? duration, CancellationToken cancellationToken)
    {
        // loudnorm prints its analysis as JSON on stderr at the info level.
        var stderr = await RunAsync(["-hide_banner", "-nostdin", "-nostats", "-i", input, "-map", "0:a:0", "-af", "loudnorm=print_format=json", "-f", "null", "-"],
            TimeoutFor(duration), cancellationToken);
        var start = stderr.LastIndexOf('{');
        var end = stderr.LastIndexOf('}');
        if (start < 0 || end < start)
        {
            throw new MediaToolException("ffmpeg did not report the loudness measurement.");
        }

        using var json = JsonDocument.Parse(stderr[start..(end + 1)]);
        double Read(string name) =>
            double.TryParse(json.RootElement.GetProperty(name).GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NegativeInfinity;
        var integrated = Read("input_i");
        var peak = Read("input_tp");
        // Digital silence measures as -inf; store the floor of the scale instead so the value stays a number.
        return new Loudness(double.IsFinite(integrated) ? integrated : -70, double.IsFinite(peak) ? peak : -70);
    }

    public Task TranscodeOpusAsync(string input, string output, double? duration, CancellationToken cancellationToken) =>
        RunAsync([.. Quiet, "-i", input, "-map", "0:a:0", "-vn", "-map_metadata", "-1", "-c:a", "libopus", "-b:a", "128k", "-vbr", "on", "-f", "ogg", output],
            TimeoutFor(duration), cancellationToken);

    public Task TranscodeAacAsync(string input, string output, double? duration, CancellationToken cancellationToken) =>
        RunAsync([.. Quiet, "-i", input, "-map", "0:a:0", "-vn", "-map_metadata", "-1", "-c:a", "aac", "-b:a", "256k", "-movflags", "+faststart", "-f", "mp4", output],
            TimeoutFor(duration), cancellationToken);

    /// <summary>One HLS variant: AAC at <paramref name="bitrate"/> in ~6 s fMP4 segments, a VOD playlist <c>index.m3u8</c> in <paramref name="directory"/>.</summary>
    public Task HlsVariantAsync(string input, string directory, string bitrate, double? duration, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        return RunAsync([.. Quiet, "-i", input, "-map", "0:a:0", "-vn", "-map_metadata", "-1", "-c:a", "aac", "-b:a", bitrate, "-ar", "44100",
                "-f", "hls", "-hls_time", "6", "-hls_playlist_type", "vod", "-hls_segment_type", "fmp4",
                "-hls_fmp4_init_filename", "init.mp4", "-hls_segment_filename", System.IO.Path.Combine(directory, "seg_%04d.m4s"),
                System.IO.Path.Combine(directory, "index.m3u8")],
            TimeoutFor(duration), cancellationToken);
    }

    /// <summary>Peak amplitude (0–1) of <paramref name="points"/> equal slices, from 8 kHz mono PCM read off ffmpeg's stdout.</summary>
    public async Task<float[]> WaveformPeaksAsync(string input, double? duration, int points, CancellationToken cancellationToken)
    {
        const int rate = 8000;
        var peaks = new float[points];
        var expected = Math.Max(points, (long)Math.Ceiling((duration ?? 0) * rate));
        var perPoint = Math.Max(1, expected / points);
        long sample = 0;
        await ToolProcess.RunAsync(path, [.. Quiet, "-i", input, "-map", "0:a:0", "-ac", "1", "-ar", rate.ToString(CultureInfo.InvariantCulture), "-f", "s16le", "-"],
            TimeoutFor(duration), async (stdout, ct) =>
            {
                var buffer = new byte[64 * 1024];
                var carry = -1;
                int read;
                while ((read = await stdout.ReadAsync(buffer, ct)) > 0)
                {
                    var offset = 0;
                    if (carry >= 0)
                    {
                        Add((short)(carry | (buffer[0] << 8)));
                        offset = 1;
                        carry = -1;
                    }

                    for (; offset + 1 < read; offset += 2)
                    {
                        Add(BinaryPrimitives.ReadInt16LittleEndian(buffer.AsSpan(offset, 2)));
                    }

                    if (offset < read)
                    {
                        carry = buffer[offset];
                    }
                }
            }, cancellationToken);
        return peaks;

        void Add(short value)
        {
            var index = (int)Math.Min(points - 1, sample++ / perPoint);
            var amplitude = Math.Min(1f, Math.Abs(value / 32768f));
            if (amplitude > peaks[index])
            {
                peaks[index] = amplitude;
            }
        }
    }

    private Task<string> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        ToolProcess.RunAsync(path, arguments, timeout, static (stdout, ct) => stdout.CopyToAsync(Stream.Null, ct), cancellationToken);
}
