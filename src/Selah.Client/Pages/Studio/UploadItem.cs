using Selah.Client.Api;
using Selah.Contracts.Catalog;

namespace Selah.Client.Pages.Studio;

/// <summary>Where one chosen file is on its way: waiting, sending, refused, or on the server (then <see cref="Status"/>).</summary>
public enum UploadPhase
{
    Queued,
    Uploading,
    Rejected,
    OnServer,
}

/// <summary>A file chosen on the upload page, its optional metadata and its progress through upload and processing.</summary>
public sealed class UploadItem(string fileId, string fileName, long size)
{
    public string FileId { get; } = fileId;
    public string FileName { get; } = fileName;
    public long Size { get; } = size;

    public string Title { get; set; } = "";
    public string Artist { get; set; } = "";
    public string Album { get; set; } = "";
    public bool Publish { get; set; } = true;
    public bool ShowDetails { get; set; }

    public UploadPhase Phase { get; set; } = UploadPhase.Queued;
    public long Sent { get; set; }
    public long Total { get; set; }
    public double Percent => Total <= 0 ? 0 : Math.Min(100, Sent * 100.0 / Total);
    public ApiProblem? Problem { get; set; }

    public Guid? TrackId { get; set; }
    public string? TrackTitle { get; set; }
    public TrackStatus? Status { get; set; }
    public string? ProcessingError { get; set; }

    /// <summary>Still needs polling: on the server and not yet ready or failed.</summary>
    public bool IsProcessing => Phase == UploadPhase.OnServer && Status is TrackStatus.Uploaded or TrackStatus.Processing;

    public bool IsFinished => Phase == UploadPhase.OnServer && Status is TrackStatus.Ready or TrackStatus.Failed;

    public string DisplayName => TrackTitle ?? FileName;

    /// <summary>The metadata part, or null when nothing was overridden (the file's own tags apply).</summary>
    public TrackMetadataRequest? Metadata()
    {
        var title = Clean(Title);
        var artist = Clean(Artist);
        var album = Clean(Album);
        return title is null && artist is null && album is null && Publish
            ? null
            : new TrackMetadataRequest { Title = title, Artist = artist, Album = album, Published = Publish ? null : false };
    }

    private static string? Clean(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024 * 1024):0.0} GB",
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.0} MB",
        >= 1024 => $"{bytes / 1024.0:0} KB",
        _ => $"{bytes} bytes",
    };
}
