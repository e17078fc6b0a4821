using Selah.Contracts.Community;

namespace Selah.Client.Api;

/// <summary>The notification list, preferences and Web Push subscriptions (<c>/api/v1/notifications</c>, <c>/api/v1/push</c>).</summary>
public sealed class NotificationCenterApi(ApiTransport transport)
{
    public Task<CommunityPage<NotificationResponse>> ListAsync(string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<NotificationResponse>>(
            cursor is null ? "api/v1/notifications?limit=30" : $"api/v1/notifications?limit=30&cursor={Uri.EscapeDataString(cursor)}", cancellationToken);

    public Task<NotificationsReadResponse> MarkReadAsync(IReadOnlyList<Guid>? ids, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<NotificationsReadResponse>(HttpMethod.Post, "api/v1/notifications/read",
            ids is null ? new NotificationsReadRequest(All: true) : new NotificationsReadRequest(ids), cancellationToken);

    public Task<NotificationPreferencesResponse> GetPreferencesAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<NotificationPreferencesResponse>("api/v1/notifications/preferences", cancellationToken);

    public Task<NotificationPreferencesResponse> UpdatePreferencesAsync(NotificationPreferencesRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<NotificationPreferencesResponse>(HttpMethod.Put, "api/v1/notifications/preferences", request, cancellationToken);

    public Task<VapidPublicKeyResponse> GetVapidKeyAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<VapidPublicKeyResponse>("api/v1/push/vapid-public-key", cancellationToken);

    public Task<List<PushSubscriptionResponse>> ListPushSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<List<PushSubscriptionResponse>>("api/v1/push/subscriptions", cancellationToken);

    public Task<PushSubscriptionResponse> SubscribePushAsync(PushSubscriptionRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PushSubscriptionResponse>(HttpMethod.Post, "api/v1/push/subscriptions", request, cancellationToken);

    public Task DeletePushSubscriptionAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/push/subscriptions/{id}", null, cancellationToken);

    /// <summary>Where a notification leads in the app.</summary>
    public static string PathOf(NotificationResponse n) => n.SubjectKind switch
    {
        "post" when n.SubjectId is { } id => $"/community/posts/{id}",
        "group" when n.SubjectId is { } id => $"/groups/{id}",
        "prayerRoom" when n.SubjectId is { } id => $"/prayer-rooms/{id}",
        "album" when n.SubjectId is { } id => $"/albums/{id}",
        "artist" when n.SubjectId is { } id => $"/artists/{id}",
        _ => "/notifications",
    };
}
