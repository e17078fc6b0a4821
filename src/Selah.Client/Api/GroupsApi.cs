using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Contracts.Community;

namespace Selah.Client.Api;

/// <summary>Church groups: list, create, join/leave, members and roles, invite links, chat history and the <c>/hubs/groups</c> hub.</summary>
public sealed class GroupsApi(ApiTransport transport, HttpClient http)
{
    public Task<CommunityPage<GroupResponse>> ListAsync(bool mine, string? cursor = null, int limit = 25, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<GroupResponse>>(CatalogApi.Query("api/v1/groups", ("mine", mine ? "true" : null), ("cursor", cursor),
            ("limit", limit.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<GroupResponse> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<GroupResponse>($"api/v1/groups/{id}", cancellationToken);

    public Task<GroupResponse> CreateAsync(GroupCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupResponse>(HttpMethod.Post, "api/v1/groups", request, cancellationToken);

    public Task<GroupResponse> UpdateAsync(Guid id, GroupUpdateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupResponse>(HttpMethod.Patch, $"api/v1/groups/{id}", request, cancellationToken);

    /// <summary>Joins (public group or valid invite token) or asks to join (private group).</summary>
    public Task<GroupJoinResponse> JoinAsync(Guid id, string? inviteToken = null, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupJoinResponse>(HttpMethod.Post, $"api/v1/groups/{id}/members", new GroupJoinRequest(inviteToken), cancellationToken);

    public Task<CommunityPage<GroupMemberResponse>> MembersAsync(Guid id, bool pending, string? cursor = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<GroupMemberResponse>>(CatalogApi.Query($"api/v1/groups/{id}/members", ("pending", pending ? "true" : null),
            ("cursor", cursor), ("limit", "100")), cancellationToken);

    public Task<GroupMemberResponse> ApproveAsync(Guid id, Guid userId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupMemberResponse>(HttpMethod.Post, $"api/v1/groups/{id}/members/{userId}/approve", null, cancellationToken);

    public Task<GroupMemberResponse> SetRoleAsync(Guid id, Guid userId, string role, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupMemberResponse>(HttpMethod.Put, $"api/v1/groups/{id}/members/{userId}/role", new GroupRoleRequest(role), cancellationToken);

    /// <summary>Leave (your own id), decline a request or remove a member.</summary>
    public Task RemoveMemberAsync(Guid id, Guid userId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/groups/{id}/members/{userId}", null, cancellationToken);

    public Task<GroupInviteResponse> CreateInviteAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupInviteResponse>(HttpMethod.Post, $"api/v1/groups/{id}/invite", null, cancellationToken);

    public Task<CommunityPage<GroupMessageResponse>> MessagesAsync(Guid id, string? cursor = null, int limit = 30, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<GroupMessageResponse>>(CatalogApi.Query($"api/v1/groups/{id}/messages", ("cursor", cursor),
            ("limit", limit.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<GroupMessageResponse> SendMessageAsync(Guid id, string text, IReadOnlyList<Guid>? attachmentIds = null, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupMessageResponse>(HttpMethod.Post, $"api/v1/groups/{id}/messages", new GroupMessageRequest(text, attachmentIds), cancellationToken);

    /// <summary>Uploads a picture for a chat message (the server sniffs, resizes and re-encodes it); send its id with the message.</summary>
    public async Task<ChatAttachmentResponse> UploadChatImageAsync(Guid id, Stream data, string fileName, string? contentType, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent();
        var stream = new StreamContent(data);
        stream.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType);
        content.Add(stream, "file", string.IsNullOrEmpty(fileName) ? "image" : fileName);
        return await transport.SendContentAsync<ChatAttachmentResponse>(HttpMethod.Post, $"api/v1/groups/{id}/attachments", content, cancellationToken);
    }

    public Task<IReadOnlyList<ChatReadState>> UnreadAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<ChatReadState>>("api/v1/groups/unread", cancellationToken);

    public Task<GroupMessageResponse> EditMessageAsync(Guid id, Guid messageId, string text, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupMessageResponse>(HttpMethod.Patch, $"api/v1/groups/{id}/messages/{messageId}", new GroupMessageRequest(text), cancellationToken);

    public Task DeleteMessageAsync(Guid id, Guid messageId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/groups/{id}/messages/{messageId}", null, cancellationToken);

    /// <summary>Sets or replaces the group's picture (leaders); the bytes are re-encoded by the server.</summary>
    public async Task<GroupImageResponse> PutImageAsync(Guid id, byte[] bytes, string fileName, string? contentType, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(string.IsNullOrEmpty(contentType) ? "application/octet-stream" : contentType);
        content.Add(file, "file", fileName);
        return await transport.SendContentAsync<GroupImageResponse>(HttpMethod.Put, $"api/v1/groups/{id}/image", content, cancellationToken);
    }

    public Task DeleteImageAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/groups/{id}/image", null, cancellationToken);

    /// <summary>Invites one person directly (leaders); they get a notification.</summary>
    public Task<GroupInvitationResponse> InviteAsync(Guid id, Guid userId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupInvitationResponse>(HttpMethod.Post, $"api/v1/groups/{id}/invitations", new GroupInvitationRequest(userId), cancellationToken);

    public Task<IReadOnlyList<GroupInvitationResponse>> InvitationsAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<GroupInvitationResponse>>($"api/v1/groups/{id}/invitations", cancellationToken);

    public Task RevokeInvitationAsync(Guid id, Guid userId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/groups/{id}/invitations/{userId}", null, cancellationToken);

    public Task<IReadOnlyList<GroupInvitationResponse>> MyInvitationsAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<GroupInvitationResponse>>("api/v1/me/group-invitations", cancellationToken);

    public Task<GroupJoinResponse> AcceptInvitationAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<GroupJoinResponse>(HttpMethod.Post, $"api/v1/me/group-invitations/{id}/accept", null, cancellationToken);

    public Task DeclineInvitationAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/me/group-invitations/{id}", null, cancellationToken);

    /// <summary>A connection to <c>/hubs/groups</c> (the session cookie authenticates it); start it and call JoinGroup.</summary>
    public HubConnection ChatConnection() =>
        new HubConnectionBuilder().WithUrl(new Uri(http.BaseAddress!, "hubs/groups")).WithAutomaticReconnect().Build();

    /// <summary>The path of a group's invite link (the page joins with the token, then opens the group).</summary>
    public static string InvitePath(Guid id, string token) => $"/groups/{id}/join/{Uri.EscapeDataString(token)}";
}

/// <summary>The <c>/hubs/groups</c> events' shapes (see docs/API.md, "Group chat hub").</summary>
public sealed record ChatJoinResult(Guid GroupId, IReadOnlyList<CommunityUser> Online, Guid? LastReadMessageId, int UnreadCount);

public sealed record ChatTypingEvent(Guid GroupId, Guid UserId, string DisplayName);

public sealed record ChatReadEvent(Guid GroupId, Guid UserId, Guid MessageId);

public sealed record ChatPresenceEvent(Guid GroupId, IReadOnlyList<CommunityUser> Online);

public sealed record ChatDeletedEvent(Guid GroupId, Guid MessageId);

public sealed record ChatReadState(Guid GroupId, Guid? LastReadMessageId, int UnreadCount);
