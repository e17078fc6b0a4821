using System.Net;
using System.Text.Json;
using Selah.Contracts.Accounts;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>A signed-in person for community tests: their id, display name and an authorised client.</summary>
public sealed record Member(Guid Id, string DisplayName, HttpClient Client) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

/// <summary>Arrange steps through the public API: members, moderators, posts, comments, groups.</summary>
public static class CommunitySteps
{
    /// <summary>A unique name with letters only: a run of six digits in a name would be mistaken for the emailed code.</summary>
    public static string Unique(string prefix) =>
        prefix + new string(Guid.NewGuid().ToString("N")[..10].Select(c => char.IsAsciiDigit(c) ? (char)('g' + (c - '0')) : c).ToArray());

    public static async Task<Member> NewMemberAsync(this SelahFactory factory, string? name = null)
    {
        name ??= Unique("Member ");
        var account = await factory.SignInNewUserAsync(name);
        return new Member(account.UserId, name, factory.CreateClient(account.AccessToken));
    }

    public static async Task<Member> NewModeratorAsync(this SelahFactory factory)
    {
        var name = Unique("Moderator ");
        var account = await factory.RegisterVerifiedAsync(name);
        using (var admin = await factory.CreateAdminClientAsync())
        {
            var response = await admin.PutJsonAsync($"/api/v1/admin/users/{account.UserId}/roles", new { roles = new[] { Roles.Listener, Roles.Moderator } });
            await response.ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var signedIn = await factory.SignInAsync(account);
        return new Member(account.UserId, name, factory.CreateClient(signedIn.AccessToken));
    }

    public static async Task<PostResponse> PostAsync(this Member member, object body, HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await member.Client.PostJsonAsync("/api/v1/posts", body)).ReadJsonAsync<PostResponse>(expected);

    public static Task<PostResponse> PostAsync(this Member member, string type, string text, bool anonymous = false, string visibility = "public") =>
        member.PostAsync(new { type, body = text, anonymous, visibility });

    public static async Task<CommentResponse> CommentAsync(this Member member, Guid postId, string text, Guid? parentId = null) =>
        await (await member.Client.PostJsonAsync($"/api/v1/posts/{postId}/comments", new { body = text, parentId }))
            .ReadJsonAsync<CommentResponse>(HttpStatusCode.Created);

    public static async Task<CommunityPage<T>> GetPageAsync<T>(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ReadJsonAsync<CommunityPage<T>>();

    public static async Task<string> GetRawAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).ShouldHaveStatusAsync(expected);

    public static async Task<GroupResponse> CreateGroupAsync(this Member member, bool isPrivate, string? name = null) =>
        await (await member.Client.PostJsonAsync("/api/v1/groups", new { name = name ?? Unique("Group "), description = "Bible study", isPrivate }))
            .ReadJsonAsync<GroupResponse>(HttpStatusCode.Created);

    public static async Task<IReadOnlyList<NotificationResponse>> NotificationsAsync(this Member member) =>
        (await member.Client.GetPageAsync<NotificationResponse>("/api/v1/notifications?limit=100")).Items;

    /// <summary>Asserts that <paramref name="json"/> mentions neither the id nor the display name of <paramref name="author"/>.</summary>
    public static void ShouldNotReveal(string json, Member author, string where)
    {
        Assert.False(json.Contains(author.Id.ToString(), StringComparison.OrdinalIgnoreCase), $"{where} reveals the author's id: {json}");
        Assert.False(json.Contains(author.Id.ToString("N"), StringComparison.OrdinalIgnoreCase), $"{where} reveals the author's id: {json}");
        Assert.False(json.Contains(author.DisplayName, StringComparison.Ordinal), $"{where} reveals the author's name: {json}");
    }

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
