using Selah.Contracts.Catalog;
using Selah.Server.Infrastructure.Caching;

namespace Selah.Server.Features.Catalog;

/// <summary>A performer or ensemble. Artist accounts manage the artists they own; admins manage all.</summary>
public sealed class Artist : ICacheTagged
{
    /// <summary>Every track's access decision depends on its artist's owner; owner changes are rare, so one coarse tag.</summary>
    public const string AnyArtistTag = "catalog:artists";
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Bio { get; set; }
    public string? ImageKey { get; set; }
    public bool Verified { get; set; }
    public List<string> Links { get; set; } = [];
    /// <summary>The user (role <c>artist</c>) who manages this artist's catalogue; null for label/admin-managed artists.</summary>
    public Guid? OwnerId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<Album> Albums { get; set; } = [];

    IEnumerable<string> ICacheTagged.CacheTags => [AnyArtistTag];
}

public sealed class Album
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArtistId { get; set; }
    public Artist Artist { get; set; } = null!;
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public AlbumType Type { get; set; } = AlbumType.Album;
    public int? Year { get; set; }
    public string? CoverKey { get; set; }
    public bool Published { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public List<Track> Tracks { get; set; } = [];
}

/// <summary>A recording: metadata, the original upload, its renditions and loudness.</summary>
public sealed class Track : ICacheTagged
{
    public static string CacheTag(Guid id) => $"track:{id:N}";

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ArtistId { get; set; }
    public Artist Artist { get; set; } = null!;
    public Guid? AlbumId { get; set; }
    public Album? Album { get; set; }
    public required string Title { get; set; }
    public int? DiscNumber { get; set; }
    public int? TrackNumber { get; set; }
    public int? Year { get; set; }
    public double? DurationSeconds { get; set; }
    public List<Genre> Genres { get; set; } = [];
    public List<Mood> Moods { get; set; } = [];
    public List<string> Themes { get; set; } = [];
    public List<string> ScriptureReferences { get; set; } = [];
    public List<string> Credits { get; set; } = [];
    public string? Lyrics { get; set; }
    public string? SyncedLyrics { get; set; }
    public string? CcliNumber { get; set; }
    public string? Isrc { get; set; }
    public bool Published { get; set; }
    /// <summary>What the uploader asked for: publish when processing finishes.</summary>
    public bool PublishWhenReady { get; set; } = true;

    public TrackStatus Status { get; set; } = TrackStatus.Uploaded;
    public string? Error { get; set; }
    public int ProcessingAttempts { get; set; }

    public Guid? UploadedById { get; set; }
    /// <summary>Storage key of the original file, kept as uploaded.</summary>
    public string? OriginalKey { get; set; }
    public string? OriginalFormat { get; set; }
    public long OriginalBytes { get; set; }
    /// <summary>SHA-256 of the original (hex), for duplicate detection.</summary>
    public string? ContentHash { get; set; }
    public string? CoverKey { get; set; }

    public string? OpusKey { get; set; }
    public string? AacKey { get; set; }
    /// <summary>Storage prefix of the HLS tree (<c>master.m3u8</c> and variants below it).</summary>
    public string? HlsPrefix { get; set; }
    public string? WaveformKey { get; set; }
    public double? LoudnessLufs { get; set; }
    public double? TruePeakDb { get; set; }

    public long PlayCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    IEnumerable<string> ICacheTagged.CacheTags => [CacheTag(Id)];
}

public sealed class Genre
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public List<Track> Tracks { get; set; } = [];
}

public sealed class Mood
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public List<Track> Tracks { get; set; } = [];
}

/// <summary>One listening session of one track (a playback id). Counted once 30 seconds have been listened.</summary>
public sealed class Play
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TrackId { get; set; }
    public Guid? UserId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset LastEventAt { get; set; }
    public double LastPositionSeconds { get; set; }
    public double ListenedSeconds { get; set; }
    public bool Counted { get; set; }
    public bool Completed { get; set; }
}
