using Selah.Contracts.Catalog;

namespace Selah.Client.Api;

/// <summary>The public catalogue: artists, albums, tracks, genres and moods (<c>/api/v1</c>).</summary>
public sealed class CatalogApi(ApiTransport transport)
{
    public Task<IReadOnlyList<TagResponse>> GenresAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<TagResponse>>("api/v1/genres", cancellationToken);

    public Task<IReadOnlyList<TagResponse>> MoodsAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<TagResponse>>("api/v1/moods", cancellationToken);

    public Task<ArtistResponse> ArtistAsync(string idOrSlug, CancellationToken cancellationToken = default) =>
        transport.GetAsync<ArtistResponse>($"api/v1/artists/{Uri.EscapeDataString(idOrSlug)}", cancellationToken);

    public Task<CatalogPage<ArtistSummary>> ArtistsAsync(string? q = null, string sort = "name", string? cursor = null, int limit = 25, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<ArtistSummary>>(Query("api/v1/artists", ("q", q), ("sort", sort), ("cursor", cursor), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);

    public Task<AlbumResponse> AlbumAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<AlbumResponse>($"api/v1/albums/{id}", cancellationToken);

    public Task<CatalogPage<AlbumSummary>> AlbumsAsync(string sort = "newest", string? genre = null, Guid? artistId = null, string? cursor = null, int limit = 25, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<AlbumSummary>>(Query("api/v1/albums", ("sort", sort), ("genre", genre), ("artistId", artistId?.ToString()), ("cursor", cursor), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);

    public Task<TrackResponse> TrackAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<TrackResponse>($"api/v1/tracks/{id}", cancellationToken);

    public Task<CatalogPage<TrackResponse>> TracksAsync(string sort = "newest", string? genre = null, string? mood = null, Guid? albumId = null, Guid? artistId = null, string? cursor = null, int limit = 50, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<TrackResponse>>(Query("api/v1/tracks", ("sort", sort), ("genre", genre), ("mood", mood), ("albumId", albumId?.ToString()), ("artistId", artistId?.ToString()), ("cursor", cursor), ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);

    internal static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? path : $"{path}?{string.Join('&', parts)}";
    }
}
