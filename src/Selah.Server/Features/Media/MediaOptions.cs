using System.ComponentModel.DataAnnotations;
using Selah.Server.Infrastructure.Media;

namespace Selah.Server.Features.Media;

/// <summary><c>Selah:Media:*</c>: upload limit, ffmpeg location and how many tracks one node processes at once.</summary>
public sealed class MediaOptions
{
    public const string Section = "Selah:Media";

    [Range(1024, 20L * 1024 * 1024 * 1024, ErrorMessage = "MaxUploadBytes must be between 1 KiB and 20 GiB.")]
    public long MaxUploadBytes { get; set; } = 500L * 1024 * 1024;

    [Required(AllowEmptyStrings = false)]
    public string FfmpegPath { get; set; } = "ffmpeg";

    [Required(AllowEmptyStrings = false)]
    public string FfprobePath { get; set; } = "ffprobe";

    [Range(1, 32, ErrorMessage = "ConcurrentJobs must be between 1 and 32.")]
    public int ConcurrentJobs { get; set; } = 1;

    /// <summary>How long clients may cache stream responses (private caches only: access depends on the caller).</summary>
    [Range(0, 31536000)]
    public int StreamCacheSeconds { get; set; } = 3600;

    /// <summary>Who may download tracks for offline listening (<c>/tracks/{id}/download</c>); premium tiers plug in later.</summary>
    public OfflineDownloads OfflineDownloads { get; set; } = OfflineDownloads.Everyone;
}

/// <summary><c>Selah:Media:OfflineDownloads</c>.</summary>
public enum OfflineDownloads
{
    /// <summary>Whoever may stream a track may download it.</summary>
    Everyone,

    /// <summary>Only signed-in members.</summary>
    SignedIn,

    /// <summary>Downloads are off (streaming only).</summary>
    Nobody,
}

/// <summary>The ffmpeg/ffprobe adapters plus whether they were found at start-up.</summary>
public sealed class MediaTools(Ffmpeg ffmpeg, Ffprobe ffprobe)
{
    public Ffmpeg Ffmpeg { get; } = ffmpeg;
    public Ffprobe Ffprobe { get; } = ffprobe;

    /// <summary>False when ffmpeg could not be started at start-up: uploads answer 503 instead of failing later.</summary>
    public bool Available { get; set; } = true;
}

/// <summary>Checks for ffmpeg at start-up and logs a clear error (naming the Debian package) instead of crashing.</summary>
internal sealed class MediaToolsCheck(MediaTools tools, ILogger<MediaToolsCheck> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        tools.Available = await tools.Ffmpeg.IsAvailableAsync(cancellationToken);
        if (!tools.Available)
        {
            logger.LogError("ffmpeg was not found at '{Path}' (Selah:Media:FfmpegPath). Uploads are refused until it is installed: apt-get install ffmpeg", tools.Ffmpeg.Path);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
