using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Catalog;

/// <summary>Filters, sort and keyset cursor for <c>GET /api/v1/artists</c>.</summary>
public sealed record ArtistListQuery(
    [property: Description("Text in the artist's name.")] string? Q,
    [property: Description("name (A–Z) or newest."), DefaultValue("name")] string? Sort,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>Filters, sort and keyset cursor for <c>GET /api/v1/albums</c>.</summary>
public sealed record AlbumListQuery(
    [property: Description("Only albums of this artist.")] Guid? ArtistId,
    [property: Description("Only albums with a track of this genre (slug).")] string? Genre,
    [property: Description("Only albums released in this year.")] int? Year,
    [property: Description("newest, title (A–Z) or year (latest first)."), DefaultValue("newest")] string? Sort,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>Filters, sort and keyset cursor for <c>GET /api/v1/tracks</c>.</summary>
public sealed record TrackListQuery(
    [property: Description("Text in the track's title, its artist's name or its album's title (case-insensitive).")] string? Q,
    [property: Description("Only tracks of this artist.")] Guid? ArtistId,
    [property: Description("Only tracks on this album.")] Guid? AlbumId,
    [property: Description("Only tracks of this genre (slug).")] string? Genre,
    [property: Description("Only tracks with this mood (slug).")] string? Mood,
    [property: Description("Only tracks with this theme (exact, case-sensitive).")] string? Theme,
    [property: Description("OSIS reference or prefix, e.g. Ps.23 or John.3; matches John.3.16 and John.3.16-John.3.18.")] string? Scripture,
    [property: Description("Processing status (uploaded, processing, ready, failed); artists and admins only.")] string? Status,
    [property: Description("true: the caller's uploads and owned artists' tracks in any state.")] bool? Mine,
    [property: Description("newest, title (A–Z), plays (most first) or duration (shortest first)."), DefaultValue("newest")] string? Sort,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>A page of a keyset-paginated list; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next page.</summary>
public sealed record CatalogPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Album fields an artist's manager may change. Absent fields stay as they are.</summary>
public sealed record AlbumUpdateRequest
{
    [MinLength(1, ErrorMessage = "Title must not be empty."), MaxLength(200, ErrorMessage = "Title must be at most 200 characters.")]
    public string? Title { get; init; }

    public AlbumType? Type { get; init; }

    [Range(1000, 2100, ErrorMessage = "Year must be between 1000 and 2100.")]
    public int? Year { get; init; }

    public bool? Published { get; init; }
}

/// <summary>Artist fields. <see cref="Verified"/> and <see cref="OwnerId"/> may be changed by administrators only.</summary>
public sealed record ArtistUpdateRequest
{
    [MinLength(1, ErrorMessage = "Name must not be empty."), MaxLength(120, ErrorMessage = "Name must be at most 120 characters.")]
    public string? Name { get; init; }

    /// <summary>"" clears the biography.</summary>
    [MaxLength(4000, ErrorMessage = "Bio must be at most 4000 characters.")]
    public string? Bio { get; init; }

    /// <summary>Absolute http or https URLs (website, socials); replaces the list.</summary>
    [MaxLength(10, ErrorMessage = "At most 10 links.")]
    public IReadOnlyList<string>? Links { get; init; }

    public bool? Verified { get; init; }

    /// <summary>The user who manages this artist; the empty GUID removes the owner.</summary>
    public Guid? OwnerId { get; init; }
}
