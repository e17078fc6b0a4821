using System.ComponentModel;
using Selah.Contracts.Catalog;
using Selah.Contracts.Library;

namespace Selah.Contracts.Search;

/// <summary><c>GET /api/v1/search</c>.</summary>
public sealed record SearchQuery(
    [property: Description("What to look for, 1–200 characters. The last word matches as a prefix (search-as-you-type); small typos are tolerated.")] string? Q,
    [property: Description("track, album, artist or playlist; absent = all four.")] string? Type,
    [property: Description("nextCursor of a section from the previous response (needs type).")] string? Cursor,
    [property: Description("Results per section, 1–50."), DefaultValue(10)] int? Limit);

/// <summary>
/// Ranked results per kind. With <c>type</c> only that section is present; without it every section holds its best
/// <c>limit</c> hits. <see cref="CatalogPage{T}.NextCursor"/> pages one section (pass it with the same q and type).
/// </summary>
public sealed record SearchResponse
{
    public string Query { get; init; } = "";
    public CatalogPage<TrackResponse>? Tracks { get; init; }
    public CatalogPage<AlbumSummary>? Albums { get; init; }
    public CatalogPage<ArtistSummary>? Artists { get; init; }
    public CatalogPage<PlaylistSummary>? Playlists { get; init; }
}
