using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Contracts.Catalog;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Media;
using Selah.Server.Infrastructure.Storage;

namespace Selah.Server.Features.Media;

/// <summary>
/// Turns an ingested original into what players need: loudness (EBU R128), Opus and AAC renditions, a two-bitrate audio
/// HLS ladder and waveform peaks. Idempotent: it rewrites every output, so running it again ends in the same state.
/// </summary>
public sealed class TrackProcessor(
    IDbContextFactory<SelahDbContext> contexts,
    IFileStorage storage,
    MediaTools tools,
    IOptions<SelahOptions> selah,
    TimeProvider clock,
    ReleaseAnnouncer releases,
    ILogger<TrackProcessor> logger)
{
    public const int WaveformPoints = 800;

    /// <summary>The HLS ladder: directory name, ffmpeg bitrate, BANDWIDTH (peak bits/s including container overhead).</summary>
    public static readonly IReadOnlyList<(string Name, string Bitrate, int Bandwidth)> HlsVariants = [("96k", "96k", 110_000), ("192k", "192k", 215_000)];

    public async Task ProcessAsync(Guid trackId, CancellationToken cancellationToken)
    {
        string originalKey;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);
            if (track is not { Status: TrackStatus.Processing, OriginalKey: { } key })
            {
                return; // deleted, already finished, or failed and waiting for a retry
            }

            originalKey = key;
            track.ProcessingAttempts++;
            await db.SaveChangesAsync(cancellationToken);
        }

        var work = Path.Combine(selah.Value.FullDataDirectory, "tmp", $"process-{trackId:n}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(work);
        try
        {
            var outcome = await RunAsync(trackId, originalKey, work, cancellationToken);
            await FinishAsync(trackId, outcome, error: null, cancellationToken);
        }
        catch (MediaToolException e)
        {
            logger.LogWarning("Processing track {TrackId} failed: {Error}", trackId, e.Message);
            await FinishAsync(trackId, null, e.Message, cancellationToken);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Processing track {TrackId} failed reading or writing files", trackId);
            await FinishAsync(trackId, null, "The audio could not be stored: " + e.Message, cancellationToken);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private sealed record Outcome(double? Duration, Loudness Loudness, string OpusKey, string AacKey, string HlsPrefix, string WaveformKey);

    private async Task<Outcome> RunAsync(Guid trackId, string originalKey, string work, CancellationToken cancellationToken)
    {
        var original = Path.Combine(work, "original" + Path.GetExtension(originalKey));
        await using (var source = await storage.OpenReadAsync(originalKey, cancellationToken)
            ?? throw new MediaToolException("The original file is missing from storage; upload the track again."))
        await using (var target = File.Create(original))
        {
            await source.CopyToAsync(target, cancellationToken);
        }

        var probe = await tools.Ffprobe.ProbeAsync(original, cancellationToken)
            ?? throw new MediaToolException("ffprobe could not read the audio.");
        var duration = probe.DurationSeconds;
        var loudness = await tools.Ffmpeg.MeasureLoudnessAsync(original, duration, cancellationToken);

        var prefix = $"tracks/{trackId:n}";
        var opus = Path.Combine(work, "audio.opus");
        await tools.Ffmpeg.TranscodeOpusAsync(original, opus, duration, cancellationToken);
        var aac = Path.Combine(work, "audio.m4a");
        await tools.Ffmpeg.TranscodeAacAsync(original, aac, duration, cancellationToken);

        var hls = Path.Combine(work, "hls");
        foreach (var (name, bitrate, _) in HlsVariants)
        {
            await tools.Ffmpeg.HlsVariantAsync(original, Path.Combine(hls, name), bitrate, duration, cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(hls, "master.m3u8"), MasterPlaylist(), cancellationToken);
        var peaks = await tools.Ffmpeg.WaveformPeaksAsync(original, duration, WaveformPoints, cancellationToken);
        var waveform = Path.Combine(work, "waveform.json");
        await File.WriteAllTextAsync(waveform, JsonSerializer.Serialize(peaks.Select(p => MathF.Round(p, 3))), cancellationToken);

        // Replace the HLS tree as a whole, so a re-run never leaves segments of an older, longer rendition behind.
        await storage.DeletePrefixAsync($"{prefix}/hls/", cancellationToken);
        await SaveAsync($"{prefix}/audio.opus", opus, cancellationToken);
        await SaveAsync($"{prefix}/audio.m4a", aac, cancellationToken);
        foreach (var file in Directory.EnumerateFiles(hls, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(hls, file).Replace(Path.DirectorySeparatorChar, '/');
            await SaveAsync($"{prefix}/hls/{relative}", file, cancellationToken);
        }

        await SaveAsync($"{prefix}/waveform.json", waveform, cancellationToken);
        return new Outcome(duration, loudness, $"{prefix}/audio.opus", $"{prefix}/audio.m4a", $"{prefix}/hls", $"{prefix}/waveform.json");
    }

    private async Task SaveAsync(string key, string file, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        await storage.SaveAsync(key, stream, cancellationToken);
    }

    private async Task FinishAsync(Guid trackId, Outcome? outcome, string? error, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var track = await db.Tracks.FirstOrDefaultAsync(t => t.Id == trackId, cancellationToken);
        if (track is null)
        {
            return; // deleted while processing
        }

        track.UpdatedAt = clock.GetUtcNow();
        if (outcome is null)
        {
            track.Status = TrackStatus.Failed;
            track.Error = error is { Length: > 2000 } ? error[..2000] : error;
        }
        else
        {
            track.Status = TrackStatus.Ready;
            track.Error = null;
            track.DurationSeconds = outcome.Duration ?? track.DurationSeconds;
            track.LoudnessLufs = Math.Round(outcome.Loudness.IntegratedLufs, 2);
            track.TruePeakDb = Math.Round(outcome.Loudness.TruePeakDb, 2);
            track.OpusKey = outcome.OpusKey;
            track.AacKey = outcome.AacKey;
            track.HlsPrefix = outcome.HlsPrefix;
            track.WaveformKey = outcome.WaveformKey;
            if (track.PublishWhenReady)
            {
                track.Published = true;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        if (track is { Status: TrackStatus.Ready, Published: true })
        {
            await releases.ScheduleAsync(ReleaseAnnouncer.ReleaseOf(track), cancellationToken); // followers already told are skipped
        }
    }

    private static string MasterPlaylist()
    {
        var master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        foreach (var (name, _, bandwidth) in HlsVariants)
        {
            master.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:BANDWIDTH={bandwidth},CODECS=\"mp4a.40.2\"\n{name}/index.m3u8\n");
        }

        return master.ToString();
    }
}
