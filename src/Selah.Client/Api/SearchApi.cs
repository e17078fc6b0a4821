using Selah.Contracts.Search;

namespace Selah.Client.Api;

/// <summary>Catalogue search (<c>GET /api/v1/search</c>): ranked, prefix-matching and typo-tolerant.</summary>
public sealed class SearchApi(ApiTransport transport)
{
    public Task<SearchResponse> SearchAsync(string q, string? type = null, string? cursor = null, int limit = 10, CancellationToken cancellationToken = default) =>
        transport.GetAsync<SearchResponse>(CatalogApi.Query("api/v1/search", ("q", q), ("type", type), ("cursor", cursor),
            ("limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);
}
