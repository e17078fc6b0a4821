using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Selah.Contracts.Catalog;

namespace Selah.Contracts.Library;

/// <summary>The caller's relation to a playlist: <c>owner</c>, <c>collaborator</c> (may edit tracks) or <c>viewer</c>.</summary>
public static class PlaylistRoles
{
    public const string Owner = "owner";
    public const string Collaborator = "collaborator";
    public const string Viewer = "viewer";
}

/// <summary><c>POST /api/v1/playlists</c>.</summary>
public sealed record PlaylistCreateRequest
{
    [Required(ErrorMessage = "Name is required."), MinLength(1, ErrorMessage = "Name must not be empty."), MaxLength(100, ErrorMessage = "Name must be at most 100 characters.")]
    public string Name { get; init; } = "";

    [MaxLength(1000, ErrorMessage = "Description must be at most 1000 characters.")]
    public string? Description { get; init; }

    public bool IsPublic { get; init; }
}

/// <summary><c>PATCH /api/v1/playlists/{id}</c> (owner only). Absent fields stay; <c>""</c> clears the description.</summary>
public sealed record PlaylistUpdateRequest
{
    [MinLength(1, ErrorMessage = "Name must not be empty."), MaxLength(100, ErrorMessage = "Name must be at most 100 characters.")]
    public string? Name { get; init; }

    [MaxLength(1000, ErrorMessage = "Description must be at most 1000 characters.")]
    public string? Description { get; init; }

    public bool? IsPublic { get; init; }
}

/// <summary><c>POST /api/v1/playlists/{id}/tracks</c>: append, or insert at a 0-based position (clamped to the end).</summary>
public sealed record PlaylistAddTrackRequest
{
    [Required(ErrorMessage = "Track id is required.")]
    public Guid? TrackId { get; init; }

    [Range(0, 100000, ErrorMessage = "Position must be between 0 and 100000.")]
    public int? Position { get; init; }
}

/// <summary><c>PATCH /api/v1/playlists/{id}/tracks/{entryId}</c>: move one entry to a 0-based position (clamped to the end).</summary>
public sealed record PlaylistMoveEntryRequest
{
    [Required(ErrorMessage = "Position is required."), Range(0, 100000, ErrorMessage = "Position must be between 0 and 100000.")]
    public int? Position { get; init; }
}

/// <summary><c>POST /api/v1/playlists/{id}/collaborators</c> (owner only).</summary>
public sealed record PlaylistCollaboratorRequest
{
    [Required(ErrorMessage = "User id is required.")]
    public Guid? UserId { get; init; }
}

/// <summary><c>POST /api/v1/playlists/{id}/duplicate</c>: a private copy owned by the caller. Name defaults to "&lt;name&gt; (copy)".</summary>
public sealed record PlaylistDuplicateRequest
{
    [MinLength(1, ErrorMessage = "Name must not be empty."), MaxLength(100, ErrorMessage = "Name must be at most 100 characters.")]
    public string? Name { get; init; }
}

public sealed record PlaylistOwner(Guid Id, string DisplayName);

/// <summary>The church group a group playlist belongs to (clients show "Group playlist · &lt;name&gt;").</summary>
public sealed record PlaylistGroup(Guid Id, string Name);

/// <summary><c>POST /api/v1/groups/{id}/playlists</c> (any current member): a playlist of the group, created by the caller.</summary>
public sealed record GroupPlaylistCreateRequest
{
    [Required(ErrorMessage = "Name is required."), MinLength(1, ErrorMessage = "Name must not be empty."), MaxLength(100, ErrorMessage = "Name must be at most 100 characters.")]
    public string Name { get; init; } = "";

    [MaxLength(1000, ErrorMessage = "Description must be at most 1000 characters.")]
    public string? Description { get; init; }
}

public sealed record PlaylistCollaborator(Guid UserId, string DisplayName, DateTimeOffset AddedAt);

/// <summary>A playlist in lists. <see cref="CoverUrl"/> is the uploaded cover or the generated mosaic.</summary>
public sealed record PlaylistSummary
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>For a group playlist this follows the group: true when the group is public.</summary>
    public bool IsPublic { get; init; }
    /// <summary>True when the playlist has collaborators.</summary>
    public bool Collaborative { get; init; }
    public PlaylistOwner Owner { get; init; } = null!;
    /// <summary><c>owner</c>, <c>collaborator</c> or <c>viewer</c> (see <see cref="PlaylistRoles"/>).</summary>
    public string Role { get; init; } = PlaylistRoles.Viewer;
    /// <summary>Entries the caller can see.</summary>
    public int TrackCount { get; init; }
    /// <summary>The group for a group playlist (every member may edit its tracks); null for a personal playlist.</summary>
    public PlaylistGroup? Group { get; init; }
    public string CoverUrl { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One entry of a playlist. A track may appear more than once; entries are addressed by <see cref="EntryId"/>.
/// <see cref="AddedBy"/> is who added it (null when that account is gone).
/// </summary>
public sealed record PlaylistEntryResponse(Guid EntryId, int Position, TrackResponse Track, DateTimeOffset AddedAt, Guid? AddedById, PlaylistOwner? AddedBy = null);

/// <summary>
/// A playlist with its entries in order. <see cref="Version"/> grows with every change and is also sent as the
/// <c>ETag</c> header (<c>"v&lt;version&gt;"</c>); send it back as <c>If-Match</c> on edits to fail with 412 instead of
/// overwriting someone else's change (edits without <c>If-Match</c> apply last-writer-wins, positions stay consistent).
/// </summary>
public sealed record PlaylistResponse
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    /// <summary>For a group playlist this follows the group: true when the group is public.</summary>
    public bool IsPublic { get; init; }
    public bool Collaborative { get; init; }
    public PlaylistOwner Owner { get; init; } = null!;
    public string Role { get; init; } = PlaylistRoles.Viewer;
    /// <summary>
    /// True when the caller may rename, describe, delete it and change its cover: the owner, and for a group playlist
    /// also the group's owner and leaders (the creator only while still a member).
    /// </summary>
    public bool CanManage { get; init; }
    /// <summary>The group for a group playlist; null for a personal playlist.</summary>
    public PlaylistGroup? Group { get; init; }
    public string CoverUrl { get; init; } = "";
    /// <summary>True when the owner uploaded the cover; false for the generated mosaic.</summary>
    public bool HasCustomCover { get; init; }
    public long Version { get; init; }
    public IReadOnlyList<PlaylistEntryResponse> Entries { get; init; } = [];
    public double DurationSeconds { get; init; }
    public IReadOnlyList<PlaylistCollaborator> Collaborators { get; init; } = [];
    /// <summary>The share link, shown to the owner only; null when none is active.</summary>
    public string? ShareUrl { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>An active share link: anyone with <see cref="Url"/> may view the playlist, even when private.</summary>
public sealed record PlaylistShareResponse(string Token, string Url);

/// <summary>Paging of <c>GET /api/v1/playlists</c> and <c>GET /api/v1/users/{id}/playlists</c>.</summary>
public sealed record PlaylistListQuery(
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);
