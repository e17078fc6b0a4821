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

    public Task<SongResponse> CreateSongAsync(SongRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<SongResponse>(HttpMethod.Post, "api/v1/songs", request, cancellationToken);

    public Task<SongResponse> UpdateSongAsync(Guid id, SongRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<SongResponse>(HttpMethod.Put, $"api/v1/songs/{id}", request, cancellationToken);

    public Task DeleteSongAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/songs/{id}", null, cancellationToken);

    public Task<ArrangementResponse> ArrangementAsync(Guid songId, Guid arrangementId, CancellationToken cancellationToken = default) =>
        transport.GetAsync<ArrangementResponse>($"api/v1/songs/{songId}/arrangements/{arrangementId}/source", cancellationToken);

    public Task<ArrangementResponse> AddArrangementAsync(Guid songId, ArrangementRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<ArrangementResponse>(HttpMethod.Post, $"api/v1/songs/{songId}/arrangements", request, cancellationToken);

    public Task<ArrangementResponse> UpdateArrangementAsync(Guid songId, Guid arrangementId, ArrangementRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<ArrangementResponse>(HttpMethod.Put, $"api/v1/songs/{songId}/arrangements/{arrangementId}", request, cancellationToken);

    public Task DeleteArrangementAsync(Guid songId, Guid arrangementId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/songs/{songId}/arrangements/{arrangementId}", null, cancellationToken);

    /// <summary>The editor's live preview: the sheet as drawn, or a problem whose <c>chordPro</c> errors name lines.</summary>
    public Task<RenderedSheetResponse> RenderAsync(string chordPro, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<RenderedSheetResponse>(HttpMethod.Post, "api/v1/chords/render", new RenderChordProRequest { ChordPro = chordPro }, cancellationToken);

    /// <summary>The track's scripture, its linked songs' and the verses tied to its synced lyric lines, with their text.</summary>
    public Task<TrackScriptureResponse> TrackScriptureAsync(Guid trackId, CancellationToken cancellationToken = default) =>
        transport.GetAsync<TrackScriptureResponse>($"api/v1/tracks/{trackId}/scripture", cancellationToken);

    /// <summary>Finds the Bible references in free text ("Ps 23; Rom 8:28") as OSIS (<c>Ps.23,Rom.8.28</c>).</summary>
    public Task<Selah.Contracts.Scripture.ScriptureParseResponse> ParseScriptureAsync(string text, CancellationToken cancellationToken = default) =>
        transport.GetAsync<Selah.Contracts.Scripture.ScriptureParseResponse>(CatalogApi.Query("api/v1/scripture/parse", ("text", text)), cancellationToken);

    public Task<SetListResponse> CreateSetListAsync(SetListRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<SetListResponse>(HttpMethod.Post, "api/v1/setlists", request, cancellationToken);

    public Task<SetListResponse> UpdateSetListAsync(Guid id, SetListRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<SetListResponse>(HttpMethod.Put, $"api/v1/setlists/{id}", request, cancellationToken);

    public Task DeleteSetListAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/setlists/{id}", null, cancellationToken);

    public Task<List<TeamCandidate>> PeopleAsync(string q, CancellationToken cancellationToken = default) =>
        transport.GetAsync<List<TeamCandidate>>(CatalogApi.Query("api/v1/setlists/people", ("q", q)), cancellationToken);

    /// <summary>A connection to <c>/hubs/worship</c> (the session cookie authenticates it); start it and call Join.</summary>
    public HubConnection LiveConnection() =>
        new HubConnectionBuilder().WithUrl(new Uri(http.BaseAddress!, "hubs/worship")).WithAutomaticReconnect().Build();

    private static string SheetUri(Guid songId, Guid arrangementId, string? key, int capo, string view, bool pdf) =>
        CatalogApi.Query($"api/v1/songs/{songId}/arrangements/{arrangementId}{(pdf ? "/pdf" : "")}", ("key", key),
            ("capo", capo == 0 ? null : capo.ToString(CultureInfo.InvariantCulture)), ("view", view == "chords" ? null : view));
}
