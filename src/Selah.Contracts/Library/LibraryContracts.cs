using System.ComponentModel;
using Selah.Contracts.Catalog;

namespace Selah.Contracts.Library;

/// <summary>Paging of the library lists (favourites, followed artists, history).</summary>
public sealed record LibraryListQuery(
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>
/// <c>GET /api/v1/me/favourites/status?trackIds=…&amp;albumIds=…&amp;artistIds=…</c>: which of up to 100 ids of each kind the
/// caller has favourited (and which artists they follow), so a list can show hearts with one request.
/// </summary>
public sealed record FavouriteStatusQuery(
    [property: Description("Track ids to check (repeat the parameter), at most 100.")] Guid[]? TrackIds,
    [property: Description("Album ids to check, at most 100.")] Guid[]? AlbumIds,
    [property: Description("Artist ids to check, at most 100.")] Guid[]? ArtistIds);

/// <summary>The subset of the asked ids that are favourites (and followed artists).</summary>
public sealed record FavouriteStatusResponse(
    IReadOnlyList<Guid> TrackIds,
    IReadOnlyList<Guid> AlbumIds,
    IReadOnlyList<Guid> ArtistIds,
    IReadOnlyList<Guid> FollowedArtistIds);

public sealed record FavouriteTrack(TrackResponse Track, DateTimeOffset AddedAt);

public sealed record FavouriteAlbum(AlbumSummary Album, DateTimeOffset AddedAt);

public sealed record FavouriteArtist(ArtistSummary Artist, DateTimeOffset AddedAt);

public sealed record FollowedArtist(ArtistSummary Artist, DateTimeOffset FollowedAt);

/// <summary>One entry of "recently played": consecutive plays of the same track are folded into one.</summary>
public sealed record HistoryEntry(Guid PlayId, TrackResponse Track, DateTimeOffset PlayedAt);

/// <summary>"Continue where you left off": an unfinished long track and where the caller stopped.</summary>
public sealed record ContinueListeningEntry(TrackResponse Track, double PositionSeconds, double DurationSeconds, DateTimeOffset LastPlayedAt);

/// <summary>A mood with a few of its tracks, for the home page.</summary>
public sealed record HomeMoodShelf(TagResponse Mood, IReadOnlyList<TrackResponse> Tracks);

/// <summary>
/// Music for the current liturgical season (<c>Name</c> as the calendar gives it, e.g. "Advent"; <c>Color</c> the
/// season's colour): published tracks whose themes include the season's name, which is how artists and admins tag
/// content with seasons. Absent when nothing is tagged for the season.
/// </summary>
public sealed record HomeSeasonShelf(string Name, string Color, IReadOnlyList<TrackResponse> Tracks);

/// <summary><c>GET /api/v1/home</c>. Personal shelves are empty for anonymous callers.</summary>
public sealed record HomeResponse
{
    public IReadOnlyList<HistoryEntry> RecentlyPlayed { get; init; } = [];
    public IReadOnlyList<ContinueListeningEntry> ContinueListening { get; init; } = [];
    public IReadOnlyList<AlbumSummary> NewReleases { get; init; } = [];
    /// <summary>Most played tracks.</summary>
    public IReadOnlyList<TrackResponse> Featured { get; init; } = [];
    public IReadOnlyList<HomeMoodShelf> Moods { get; init; } = [];
    /// <summary>Tracks tagged with the current liturgical season (a theme equal to its name, any case); null when none.</summary>
    public HomeSeasonShelf? Season { get; init; }
}
