using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Catalog;

/// <summary>Processing state of an uploaded track: <c>uploaded → processing → ready | failed</c>.</summary>
public enum TrackStatus
{
    Uploaded,
    Processing,
    Ready,
    Failed,
}

public enum AlbumType
{
    Album,
    EP,
    Single,
}

/// <summary>A genre or mood, e.g. "Hymns" or "Peaceful".</summary>
public sealed record TagResponse(int Id, string Name, string Slug);

public sealed record ArtistSummary(Guid Id, string Name, string Slug, string? ImageUrl, bool Verified);

public sealed record AlbumSummary(Guid Id, string Title, string Slug, AlbumType Type, int? Year, string? CoverUrl, ArtistSummary Artist);

public sealed record ArtistResponse
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Slug { get; init; } = "";
    public string? Bio { get; init; }
    public string? ImageUrl { get; init; }
    public bool Verified { get; init; }
    public IReadOnlyList<string> Links { get; init; } = [];
    public IReadOnlyList<AlbumSummary> Albums { get; init; } = [];
    public IReadOnlyList<TrackResponse> TopTracks { get; init; } = [];
}

public sealed record AlbumResponse
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public string Slug { get; init; } = "";
    public AlbumType Type { get; init; }
    public int? Year { get; init; }
    public string? CoverUrl { get; init; }
    public bool Published { get; init; }
    public ArtistSummary Artist { get; init; } = null!;
    public IReadOnlyList<TrackResponse> Tracks { get; init; } = [];
    public double DurationSeconds { get; init; }
}

/// <summary>A track as clients see it. Stream URLs are present once <see cref="Status"/> is <c>ready</c>.</summary>
public sealed record TrackResponse
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public TrackStatus Status { get; init; }
    /// <summary>Why processing failed; shown to the uploader and admins only.</summary>
    public string? Error { get; init; }
    public double? DurationSeconds { get; init; }
    public int? DiscNumber { get; init; }
    public int? TrackNumber { get; init; }
    public int? Year { get; init; }
    public bool Published { get; init; }
    public ArtistSummary Artist { get; init; } = null!;
    public AlbumSummary? Album { get; init; }
    public IReadOnlyList<TagResponse> Genres { get; init; } = [];
    public IReadOnlyList<TagResponse> Moods { get; init; } = [];
    public IReadOnlyList<string> Themes { get; init; } = [];
    /// <summary>OSIS references, e.g. <c>Ps.23</c>, <c>John.3.16</c>.</summary>
    public IReadOnlyList<string> ScriptureReferences { get; init; } = [];
    public IReadOnlyList<string> Credits { get; init; } = [];
    public string? CcliNumber { get; init; }
    public string? Isrc { get; init; }
    public bool HasLyrics { get; init; }
    public bool HasSyncedLyrics { get; init; }
    public string? CoverUrl { get; init; }
    /// <summary>Integrated loudness (EBU R128, LUFS) and true peak (dBTP); the player derives its gain from these.</summary>
    public double? LoudnessLufs { get; init; }
    public double? TruePeakDb { get; init; }
    public long PlayCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Plain and time-synced (LRC) lyrics of a track.</summary>
public sealed record LyricsResponse(Guid TrackId, string? Plain, string? Synced);

/// <summary>
/// Metadata sent with an upload (multipart part <c>metadata</c>) or in a PATCH. Absent fields keep what ffprobe read
/// from the file's tags (on upload) or the current value (on PATCH).
/// </summary>
public sealed record TrackMetadataRequest
{
    [MaxLength(200, ErrorMessage = "Title must be at most 200 characters.")]
    public string? Title { get; init; }

    /// <summary>Artist name; created when no artist of that name exists (admins) or must be one of the uploader's own artists.</summary>
    [MaxLength(120, ErrorMessage = "Artist must be at most 120 characters.")]
    public string? Artist { get; init; }

    [MaxLength(200, ErrorMessage = "Album must be at most 200 characters.")]
    public string? Album { get; init; }

    [Range(1, 99, ErrorMessage = "Disc number must be between 1 and 99.")]
    public int? DiscNumber { get; init; }

    [Range(1, 999, ErrorMessage = "Track number must be between 1 and 999.")]
    public int? TrackNumber { get; init; }

    [Range(1000, 2100, ErrorMessage = "Year must be between 1000 and 2100.")]
    public int? Year { get; init; }

    /// <summary>Genre names or slugs from <c>GET /api/v1/genres</c>.</summary>
    [MaxLength(10, ErrorMessage = "At most 10 genres.")]
    public IReadOnlyList<string>? Genres { get; init; }

    [MaxLength(10, ErrorMessage = "At most 10 moods.")]
    public IReadOnlyList<string>? Moods { get; init; }

    [MaxLength(20, ErrorMessage = "At most 20 themes.")]
    public IReadOnlyList<string>? Themes { get; init; }

    [MaxLength(50, ErrorMessage = "At most 50 scripture references.")]
    public IReadOnlyList<string>? ScriptureReferences { get; init; }

    [MaxLength(30, ErrorMessage = "At most 30 credits.")]
    public IReadOnlyList<string>? Credits { get; init; }

    [MaxLength(20000, ErrorMessage = "Lyrics must be at most 20000 characters.")]
    public string? Lyrics { get; init; }

    /// <summary>LRC text: <c>[mm:ss.xx]line</c>.</summary>
    [MaxLength(40000, ErrorMessage = "Synced lyrics must be at most 40000 characters.")]
    public string? SyncedLyrics { get; init; }

    [RegularExpression("^$|^[0-9]{1,8}$", ErrorMessage = "CCLI number must be digits.")]
    public string? CcliNumber { get; init; }

    [RegularExpression("^$|^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$", ErrorMessage = "ISRC must look like USRC17607839.")]
    public string? Isrc { get; init; }

    public bool? Published { get; init; }
}

/// <summary>Returned by an upload: the new track, processing in the background.</summary>
public sealed record TrackUploadResponse(Guid Id, TrackStatus Status, string Title);

/// <summary>A listening event. A play counts once 30 seconds have been listened.</summary>
public sealed record PlayEventRequest
{
    [Required(ErrorMessage = "Track id is required.")]
    public Guid? TrackId { get; init; }

    /// <summary><c>start</c>, <c>progress</c>, <c>complete</c> or <c>skip</c>.</summary>
    [Required(ErrorMessage = "Event is required."), RegularExpression("^(start|progress|complete|skip)$", ErrorMessage = "Event must be start, progress, complete or skip.")]
    public string Event { get; init; } = "";

    [Range(0, 86400, ErrorMessage = "Position must be between 0 and 86400 seconds.")]
    public double PositionSeconds { get; init; }

    /// <summary>Client-chosen id of one listening session of one track; events with the same id belong together.</summary>
    public Guid? PlaybackId { get; init; }
}

public sealed record PlayEventResponse(Guid PlaybackId, bool Counted, double ListenedSeconds);

/// <summary>Waveform peaks (0–1) for the player's scrubber.</summary>
public sealed record WaveformResponse(Guid TrackId, double DurationSeconds, IReadOnlyList<float> Peaks);
