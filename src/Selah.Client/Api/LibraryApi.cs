using Selah.Contracts.Catalog;
using Selah.Contracts.Library;

namespace Selah.Client.Api;

/// <summary>The signed-in listener's library: home shelves, playlists, favourites, followed artists and history.</summary>
public sealed class LibraryApi(ApiTransport transport)
{
    public Task<HomeResponse> HomeAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<HomeResponse>("api/v1/home", cancellationToken);

    // ---- Playlists ----

    public Task<CatalogPage<PlaylistSummary>> MyPlaylistsAsync(string? cursor = null, int limit = 50, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<PlaylistSummary>>(CatalogApi.Query("api/v1/playlists", ("cursor", cursor), ("limit", Limit(limit))), cancellationToken);

    public Task<PlaylistResponse> PlaylistAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<PlaylistResponse>($"api/v1/playlists/{id}", cancellationToken);

    public Task<PlaylistResponse> CreatePlaylistAsync(PlaylistCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistResponse>(HttpMethod.Post, "api/v1/playlists", request, cancellationToken);

    public Task<PlaylistResponse> UpdatePlaylistAsync(Guid id, PlaylistUpdateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistResponse>(HttpMethod.Patch, $"api/v1/playlists/{id}", request, cancellationToken);

    public Task DeletePlaylistAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/playlists/{id}", null, cancellationToken);

    public Task<PlaylistResponse> DuplicatePlaylistAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistResponse>(HttpMethod.Post, $"api/v1/playlists/{id}/duplicate", new PlaylistDuplicateRequest(), cancellationToken);

    public Task<PlaylistResponse> AddTrackAsync(Guid playlistId, Guid trackId, int? position = null, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistResponse>(HttpMethod.Post, $"api/v1/playlists/{playlistId}/tracks",
            new PlaylistAddTrackRequest { TrackId = trackId, Position = position }, cancellationToken);

    public Task<PlaylistResponse> MoveEntryAsync(Guid playlistId, Guid entryId, int position, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistResponse>(HttpMethod.Patch, $"api/v1/playlists/{playlistId}/tracks/{entryId}",
            new PlaylistMoveEntryRequest { Position = position }, cancellationToken);

    public Task<PlaylistResponse> RemoveEntryAsync(Guid playlistId, Guid entryId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistResponse>(HttpMethod.Delete, $"api/v1/playlists/{playlistId}/tracks/{entryId}", null, cancellationToken);

    public Task<PlaylistShareResponse> ShareAsync(Guid playlistId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistShareResponse>(HttpMethod.Post, $"api/v1/playlists/{playlistId}/share", null, cancellationToken);

    /// <summary>A group's playlists, newest first (members and, for a public group, anyone signed in).</summary>
    public Task<CatalogPage<PlaylistSummary>> GroupPlaylistsAsync(Guid groupId, string? cursor = null, int limit = 24, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<PlaylistSummary>>(CatalogApi.Query($"api/v1/groups/{groupId}/playlists", ("cursor", cursor), ("limit", Limit(limit))), cancellationToken);

    /// <summary>A collaborative playlist of the group (members); the caller is its creator.</summary>
    public Task<PlaylistResponse> CreateGroupPlaylistAsync(Guid groupId, GroupPlaylistCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PlaylistResponse>(HttpMethod.Post, $"api/v1/groups/{groupId}/playlists", request, cancellationToken);

    // ---- Favourites, follows, history ----

    public Task<CatalogPage<FavouriteTrack>> FavouriteTracksAsync(string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<FavouriteTrack>>(CatalogApi.Query("api/v1/me/favourites/tracks", ("cursor", cursor), ("limit", "100")), cancellationToken);

    public Task<CatalogPage<FavouriteAlbum>> FavouriteAlbumsAsync(string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<FavouriteAlbum>>(CatalogApi.Query("api/v1/me/favourites/albums", ("cursor", cursor), ("limit", "100")), cancellationToken);

    public Task<CatalogPage<FollowedArtist>> FollowedArtistsAsync(string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<FollowedArtist>>(CatalogApi.Query("api/v1/me/following/artists", ("cursor", cursor), ("limit", "100")), cancellationToken);

    public Task<CatalogPage<HistoryEntry>> HistoryAsync(string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<HistoryEntry>>(CatalogApi.Query("api/v1/me/history", ("cursor", cursor), ("limit", "50")), cancellationToken);

    public Task<FavouriteStatusResponse> FavouriteStatusAsync(IEnumerable<Guid>? trackIds = null, IEnumerable<Guid>? albumIds = null, IEnumerable<Guid>? artistIds = null, CancellationToken cancellationToken = default)
    {
        var parts = (trackIds ?? []).Take(100).Select(id => $"trackIds={id}")
            .Concat((albumIds ?? []).Take(100).Select(id => $"albumIds={id}"))
            .Concat((artistIds ?? []).Take(100).Select(id => $"artistIds={id}"));
        return transport.GetAsync<FavouriteStatusResponse>($"api/v1/me/favourites/status?{string.Join('&', parts)}", cancellationToken);
    }

    /// <summary>kind: tracks, albums or artists.</summary>
    public Task SetFavouriteAsync(string kind, Guid id, bool favourite, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(favourite ? HttpMethod.Put : HttpMethod.Delete, $"api/v1/me/favourites/{kind}/{id}", null, cancellationToken);

    public Task SetFollowAsync(Guid artistId, bool follow, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(follow ? HttpMethod.Put : HttpMethod.Delete, $"api/v1/me/following/artists/{artistId}", null, cancellationToken);

    private static string Limit(int limit) => limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
