using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.Forms;
using Selah.Contracts.Community;
using Selah.Contracts.Scripture;

namespace Selah.Client.Api;

/// <summary>Posts, the feed, prayer, comments, reactions, reports, moderation and the guidelines (<c>/api/v1/posts</c>, <c>/moderation</c>).</summary>
public sealed class CommunityApi(ApiTransport transport)
{
    public Task<CommunityPage<PostResponse>> FeedAsync(string? type, string? cursor, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<PostResponse>>(CatalogApi.Query("api/v1/posts/feed", ("type", type), ("cursor", cursor)), cancellationToken);

    public Task<CommunityPage<PostResponse>> PostsAsync(string? type, string? cursor, Guid? group = null, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<PostResponse>>(CatalogApi.Query("api/v1/posts", ("type", type), ("group", group?.ToString()), ("cursor", cursor)),
            cancellationToken);

    public Task<PostResponse> PostAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<PostResponse>($"api/v1/posts/{id}", cancellationToken);

    public Task<PostResponse> CreateAsync(PostCreateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PostResponse>(HttpMethod.Post, "api/v1/posts", request, cancellationToken);

    public Task<PostResponse> UpdateAsync(Guid id, PostUpdateRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PostResponse>(HttpMethod.Patch, $"api/v1/posts/{id}", request, cancellationToken);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/posts/{id}", null, cancellationToken);

    /// <summary>Largest picture the browser sends (the server refuses more than 10 MB too).</summary>
    public const long MaxImageBytes = 10 * 1024 * 1024;

    public async Task<PostImageResponse> UploadImageAsync(Guid postId, IBrowserFile file, CancellationToken cancellationToken = default)
    {
        using var content = new MultipartFormDataContent();
        var stream = new StreamContent(file.OpenReadStream(MaxImageBytes, cancellationToken));
        stream.Headers.ContentType = new MediaTypeHeaderValue(string.IsNullOrEmpty(file.ContentType) ? "application/octet-stream" : file.ContentType);
        content.Add(stream, "file", file.Name);
        return await transport.SendContentAsync<PostImageResponse>(HttpMethod.Post, $"api/v1/posts/{postId}/images", content, cancellationToken);
    }

    public Task<IReadOnlyList<ContentEditResponse>> PostEditsAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<ContentEditResponse>>($"api/v1/posts/{id}/edits", cancellationToken);

    public Task<PrayedResponse> PrayedAsync(Guid id, bool anonymous, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PrayedResponse>(HttpMethod.Post, $"api/v1/posts/{id}/prayed", new PrayedRequest(anonymous), cancellationToken);

    public Task<PrayersResponse> PrayersAsync(Guid id, CancellationToken cancellationToken = default) =>
        transport.GetAsync<PrayersResponse>($"api/v1/posts/{id}/prayed", cancellationToken);

    public Task<PostResponse> AnsweredAsync(Guid id, string update, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<PostResponse>(HttpMethod.Post, $"api/v1/posts/{id}/answered", new PrayerAnsweredRequest(update), cancellationToken);

    public Task<ReactionsResponse> ReactAsync(Guid id, string kind, bool on, CancellationToken cancellationToken = default) => on
        ? transport.SendJsonAsync<ReactionsResponse>(HttpMethod.Post, $"api/v1/posts/{id}/reactions", new ReactionRequest(kind), cancellationToken)
        : transport.SendJsonAsync<ReactionsResponse>(HttpMethod.Delete, $"api/v1/posts/{id}/reactions/{kind}", null, cancellationToken);

    public Task ReportPostAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"api/v1/posts/{id}/report", new ReportRequest(reason), cancellationToken);

    public Task ReportCommentAsync(Guid postId, Guid commentId, string reason, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Post, $"api/v1/posts/{postId}/comments/{commentId}/report", new ReportRequest(reason), cancellationToken);

    public Task<CommunityPage<CommentResponse>> CommentsAsync(Guid postId, string? cursor, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<CommentResponse>>(CatalogApi.Query($"api/v1/posts/{postId}/comments", ("cursor", cursor)), cancellationToken);

    public Task<CommentResponse> CommentAsync(Guid postId, string body, Guid? parentId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<CommentResponse>(HttpMethod.Post, $"api/v1/posts/{postId}/comments", new CommentCreateRequest(body, parentId), cancellationToken);

    public Task<CommentResponse> EditCommentAsync(Guid postId, Guid commentId, string body, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<CommentResponse>(HttpMethod.Patch, $"api/v1/posts/{postId}/comments/{commentId}", new CommentUpdateRequest(body), cancellationToken);

    public Task<IReadOnlyList<ContentEditResponse>> CommentEditsAsync(Guid postId, Guid commentId, CancellationToken cancellationToken = default) =>
        transport.GetAsync<IReadOnlyList<ContentEditResponse>>($"api/v1/posts/{postId}/comments/{commentId}/edits", cancellationToken);

    public Task DeleteCommentAsync(Guid postId, Guid commentId, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync(HttpMethod.Delete, $"api/v1/posts/{postId}/comments/{commentId}", null, cancellationToken);

    public Task<CommunityGuidelinesResponse> GuidelinesAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityGuidelinesResponse>("api/v1/community/guidelines", cancellationToken);

    public Task<CommunityPage<ModerationQueueItem>> QueueAsync(string? cursor, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CommunityPage<ModerationQueueItem>>(CatalogApi.Query("api/v1/moderation/queue", ("cursor", cursor)), cancellationToken);

    public Task<ModerationDecisionResponse> DecideAsync(Guid id, ModerationDecisionRequest request, CancellationToken cancellationToken = default) =>
        transport.SendJsonAsync<ModerationDecisionResponse>(HttpMethod.Post, $"api/v1/moderation/items/{id}/decision", request, cancellationToken);

    /// <summary>Free text ("Ps 23; John 3:16") → OSIS references; empty text gives none without a request.</summary>
    public async Task<IReadOnlyList<string>> ParseScriptureAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var parsed = await transport.GetAsync<ScriptureParseResponse>(CatalogApi.Query("api/v1/scripture/parse", ("text", text.Trim())), cancellationToken);
        return [.. parsed.Passages.Select(p => p.Osis)];
    }

    public Task<UnreadCountResponse> UnreadCountAsync(CancellationToken cancellationToken = default) =>
        transport.GetAsync<UnreadCountResponse>("api/v1/notifications/unread-count", cancellationToken);
}
