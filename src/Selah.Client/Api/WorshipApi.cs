using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Contracts.Catalog;
using Selah.Contracts.Worship;

namespace Selah.Client.Api;

/// <summary>Songs, rendered chord sheets and set lists, and the live worship session hub.</summary>
public sealed class WorshipApi(ApiTransport transport, HttpClient http)
{
    public Task<CatalogPage<SongSummary>> SongsAsync(string? q, string? cursor = null, int limit = 25, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<SongSummary>>(CatalogApi.Query("api/v1/songs", ("q", string.IsNullOrWhiteSpace(q) ? null : q.Trim()),
            ("cursor", cursor), ("limit", limit.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<SongResponse> SongAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<SongResponse>($"api/v1/songs/{id}", cancellationToken);

    public Task<RenderedSheetResponse> SheetAsync(Guid songId, Guid arrangementId, string? key, int capo, string view, CancellationToken cancellationToken = default) =>
        transport.GetAsync<RenderedSheetResponse>(SheetUri(songId, arrangementId, key, capo, view, pdf: false), cancellationToken);

    /// <summary>The printable PDF of the sheet as the user is viewing it.</summary>
    public static string PdfUri(Guid songId, Guid arrangementId, string? key, int capo, string view) =>
        SheetUri(songId, arrangementId, key, capo, view, pdf: true);

    public Task<CatalogPage<SetListSummary>> SetListsAsync(string when, string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CatalogPage<SetListSummary>>(CatalogApi.Query("api/v1/setlists", ("when", when), ("cursor", cursor)), cancellationToken);

    public Task<SetListResponse> SetListAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<SetListResponse>($"api/v1/setlists/{id}", cancellationToken);

    /// <summary>A connection to <c>/hubs/worship</c> (the session cookie authenticates it); start it and call Join.</summary>
    public HubConnection LiveConnection() =>
        new HubConnectionBuilder().WithUrl(new Uri(http.BaseAddress!, "hubs/worship")).WithAutomaticReconnect().Build();

    private static string SheetUri(Guid songId, Guid arrangementId, string? key, int capo, string view, bool pdf) =>
        CatalogApi.Query($"api/v1/songs/{songId}/arrangements/{arrangementId}{(pdf ? "/pdf" : "")}", ("key", key),
            ("capo", capo == 0 ? null : capo.ToString(CultureInfo.InvariantCulture)), ("view", view == "chords" ? null : view));
}
