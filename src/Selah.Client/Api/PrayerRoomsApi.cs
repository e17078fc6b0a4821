using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Contracts.Community;

namespace Selah.Client.Api;

/// <summary>Live prayer rooms: list, open, close, the prayer list and chat history, and the <c>/hubs/prayer-rooms</c> hub.</summary>
public sealed class PrayerRoomsApi(ApiTransport transport, HttpClient http)
{
    public Task<CommunityPage<PrayerRoomResponse>> ListAsync(Guid? groupId, bool openOnly = true, string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<PrayerRoomResponse>>(CatalogApi.Query("api/v1/prayer-rooms", ("groupId", groupId?.ToString()),
            ("open", openOnly ? null : "false"), ("cursor", cursor), ("limit", "50")), cancellationToken);

    public Task<PrayerRoomResponse> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<PrayerRoomResponse>($"api/v1/prayer-rooms/{id}", cancellationToken);

    public Task<PrayerRoomResponse> CreateAsync(PrayerRoomCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PrayerRoomResponse>(HttpMethod.Post, "api/v1/prayer-rooms", request, cancellationToken);

    public Task<PrayerRoomResponse> CloseAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PrayerRoomResponse>(HttpMethod.Post, $"api/v1/prayer-rooms/{id}/close", null, cancellationToken);

    public Task<CommunityPage<PrayerRoomMessageResponse>> MessagesAsync(Guid id, string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<PrayerRoomMessageResponse>>(CatalogApi.Query($"api/v1/prayer-rooms/{id}/messages", ("cursor", cursor),
            ("limit", 50.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    /// <summary>Requests older than <paramref name="before"/> (the list's first), oldest first; fewer than <paramref name="limit"/> = none left.</summary>
    public Task<IReadOnlyList<PrayerRoomRequestResponse>> EarlierRequestsAsync(Guid id, Guid before, int limit, CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<PrayerRoomRequestResponse>>(CatalogApi.Query($"api/v1/prayer-rooms/{id}/requests", ("before", before.ToString()),
            ("limit", limit.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<PrayerRoomMessageResponse> EditMessageAsync(Guid id, Guid messageId, string text, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PrayerRoomMessageResponse>(HttpMethod.Patch, $"api/v1/prayer-rooms/{id}/messages/{messageId}", new PrayerRoomTextRequest(text), cancellationToken);

    public Task DeleteMessageAsync(Guid id, Guid messageId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/prayer-rooms/{id}/messages/{messageId}", null, cancellationToken);

    /// <summary>A connection to <c>/hubs/prayer-rooms</c> (the session cookie authenticates it); start it and call JoinRoom.</summary>
    public HubConnection LiveConnection() =>
        new HubConnectionBuilder().WithUrl(new Uri(http.BaseAddress!, "hubs/prayer-rooms")).WithAutomaticReconnect().Build();
}
