using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Storage;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

public sealed class GroupsApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task A_private_group_is_404_to_non_members_and_its_posts_never_leak()
    {
        using var owner = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        Assert.Equal("owner", group.MyRole);
        var secret = await owner.PostAsync(new { type = "prayerRequest", body = "Group-only request", visibility = "group", groupId = group.Id });
        await (await owner.Client.PostJsonAsync("/api/v1/posts", new { type = "general", body = "x", visibility = "public", groupId = group.Id }))
            .ShouldBeValidationProblemAsync("visibility");
        await (await outsider.Client.PostJsonAsync("/api/v1/posts", new { type = "general", body = "x", visibility = "group", groupId = group.Id }))
            .ShouldBeValidationProblemAsync("groupId");

        await (await outsider.Client.GetAsync($"/api/v1/groups/{group.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync($"/api/v1/groups/{group.Id}/members")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync($"/api/v1/groups/{group.Id}/messages")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "hi" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync($"/api/v1/posts/{secret.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var url in new[] { $"/api/v1/posts?group={group.Id}", "/api/v1/posts?limit=100", $"/api/v1/posts?author={owner.Id}", "/api/v1/posts/feed?limit=100" })
        {
            Assert.DoesNotContain(secret.Id.ToString(), await outsider.Client.GetRawAsync(url), StringComparison.Ordinal);
        }

        Assert.DoesNotContain((await outsider.Client.GetPageAsync<GroupResponse>("/api/v1/groups?limit=100")).Items, g => g.Id == group.Id);
        await (await outsider.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/members", new { inviteToken = "wrong-token" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var groupFeed = await owner.Client.GetPageAsync<PostResponse>($"/api/v1/posts?group={group.Id}&type=prayerRequest");
        Assert.Equal(secret.Id, Assert.Single(groupFeed.Items).Id);
    }

    [Fact]
    public async Task Joining_a_private_group_is_a_request_a_leader_approves_or_an_invite_link()
    {
        using var owner = await factory.NewMemberAsync();
        using var asker = await factory.NewMemberAsync();
        using var invited = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);

        var request = await (await asker.Client.PostAsync($"/api/v1/groups/{group.Id}/members", null)).ReadJsonAsync<GroupJoinResponse>(HttpStatusCode.Accepted);
        Assert.Equal("pending", request.Status);
        await (await asker.Client.GetAsync($"/api/v1/groups/{group.Id}/messages")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var joinNotice = Assert.Single(await owner.NotificationsAsync(), n => n.Type == "groupJoinRequest");
        Assert.Equal(asker.Id, Assert.Single(joinNotice.Actors).Id);
        var pending = await owner.Client.GetPageAsync<GroupMemberResponse>($"/api/v1/groups/{group.Id}/members?pending=true");
        Assert.Equal(asker.Id, Assert.Single(pending.Items).User.Id);

        await (await asker.Client.PostAsync($"/api/v1/groups/{group.Id}/members/{asker.Id}/approve", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Client.PostAsync($"/api/v1/groups/{group.Id}/members/{asker.Id}/approve", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains(await asker.NotificationsAsync(), n => n.Type == "groupJoinApproved" && n.SubjectId == group.Id);
        Assert.Equal("member", (await (await asker.Client.GetAsync($"/api/v1/groups/{group.Id}")).ReadJsonAsync<GroupResponse>()).MyRole);

        var invite = await (await owner.Client.PostAsync($"/api/v1/groups/{group.Id}/invite", null)).ReadJsonAsync<GroupInviteResponse>();
        await (await asker.Client.PostAsync($"/api/v1/groups/{group.Id}/invite", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var joined = await (await invited.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/members", new { inviteToken = invite.InviteToken })).ReadJsonAsync<GroupJoinResponse>();
        Assert.Equal("member", joined.Status);

        var members = await owner.Client.GetPageAsync<GroupMemberResponse>($"/api/v1/groups/{group.Id}/members");
        Assert.Equal(new[] { owner.Id, asker.Id, invited.Id }.Order(), members.Items.Select(m => m.User.Id).Order());
        Assert.Equal(3, (await (await owner.Client.GetAsync($"/api/v1/groups/{group.Id}")).ReadJsonAsync<GroupResponse>()).MemberCount);

        // Roles: the owner makes a leader; members cannot remove others; the owner cannot leave.
        await (await owner.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/members/{asker.Id}/role", new { role = "leader" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await owner.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/members/{asker.Id}/role", new { role = "king" })).ShouldBeValidationProblemAsync("role");
        await (await invited.Client.DeleteAsync($"/api/v1/groups/{group.Id}/members/{asker.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Client.DeleteAsync($"/api/v1/groups/{group.Id}/members/{owner.Id}")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await asker.Client.DeleteAsync($"/api/v1/groups/{group.Id}/members/{invited.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await invited.Client.GetAsync($"/api/v1/groups/{group.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_public_group_is_joined_with_an_empty_post_and_chat_is_kept_with_history()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var visitor = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: false);
        await (await visitor.Client.GetAsync($"/api/v1/groups/{group.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await visitor.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "hi" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var joined = await (await member.Client.PostAsync($"/api/v1/groups/{group.Id}/members", null)).ReadJsonAsync<GroupJoinResponse>();
        Assert.Equal("member", joined.Status);

        var sent = new List<GroupMessageResponse>();
        for (var i = 0; i < 3; i++)
        {
            var sender = i % 2 == 0 ? member : owner;
            sent.Add(await (await sender.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = $"Message {i}" })).ReadJsonAsync<GroupMessageResponse>(HttpStatusCode.Created));
        }

        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "" })).ShouldBeValidationProblemAsync("text");
        var first = await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages?limit=2");
        Assert.Equal([sent[2].Id, sent[1].Id], first.Items.Select(m => m.Id));
        var second = await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages?limit=2&cursor={Uri.EscapeDataString(first.NextCursor!)}");
        Assert.Equal(sent[0].Id, Assert.Single(second.Items).Id);
        Assert.Null(second.NextCursor);

        await (await owner.Client.PatchJsonAsync($"/api/v1/groups/{group.Id}/messages/{sent[0].Id}", new { text = "not mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var edited = await (await member.Client.PatchJsonAsync($"/api/v1/groups/{group.Id}/messages/{sent[0].Id}", new { text = "Message zero" })).ReadJsonAsync<GroupMessageResponse>();
        Assert.NotNull(edited.EditedAt);
        await (await member.Client.DeleteAsync($"/api/v1/groups/{group.Id}/messages/{sent[1].Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Client.DeleteAsync($"/api/v1/groups/{group.Id}/messages/{sent[0].Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent); // leaders remove any
        var history = await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages");
        var removed = Assert.Single(history.Items, m => m.Id == sent[0].Id);
        Assert.True(removed.Deleted);
        Assert.Equal("", removed.Text);
    }

    [Fact]
    public async Task Bad_group_input_names_the_field()
    {
        using var owner = await factory.NewMemberAsync();
        await (await owner.Client.PostJsonAsync("/api/v1/groups", new { name = "", description = "x", isPrivate = false })).ShouldBeValidationProblemAsync("name");
        await (await owner.Client.PostJsonAsync("/api/v1/groups", new { name = new string('x', 101) })).ShouldBeValidationProblemAsync("name");
        await (await owner.Client.PostRawJsonAsync("/api/v1/groups", """{"name":"ok","isPrivate":"no"}""")).ShouldBeValidationProblemAsync("isPrivate");
        await (await owner.Client.GetAsync("/api/v1/groups?cursor=zzz")).ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Leaders_set_the_group_picture_which_follows_the_groups_visibility()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        Assert.Null(group.ImageUrl);
        var invite = await (await owner.Client.PostAsync($"/api/v1/groups/{group.Id}/invite", null)).ReadJsonAsync<GroupInviteResponse>();
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/members", new { inviteToken = invite.InviteToken })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var storage = factory.Services.GetRequiredService<IFileStorage>();

        await (await owner.Client.PutAsync($"/api/v1/groups/{group.Id}/image", PostImagesTests.File("<svg onload=alert(1)>"u8.ToArray(), "x.png")))
            .ShouldBeValidationProblemAsync("file");
        await (await member.Client.PutAsync($"/api/v1/groups/{group.Id}/image", PostImagesTests.File(PostImagesTests.Jpeg(60, 40), "m.jpg")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.Client.PutAsync($"/api/v1/groups/{group.Id}/image", PostImagesTests.File(PostImagesTests.Jpeg(60, 40), "o.jpg")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await member.Client.GetAsync($"/api/v1/groups/{group.Id}/image")).ShouldBeProblemAsync(HttpStatusCode.NotFound); // none yet

        var first = await (await owner.Client.PutAsync($"/api/v1/groups/{group.Id}/image", PostImagesTests.File(PostImagesTests.Jpeg(2400, 1200), "g.jpg")))
            .ReadJsonAsync<GroupImageResponse>();
        Assert.Equal((1600, 800), (first.Width, first.Height));
        var seen = await (await member.Client.GetAsync($"/api/v1/groups/{group.Id}")).ReadJsonAsync<GroupResponse>();
        Assert.Equal(first.ImageUrl, seen.ImageUrl);
        Assert.Equal(first.ImageUrl, (await member.Client.GetPageAsync<GroupResponse>("/api/v1/groups?mine=true")).Items.Single(g => g.Id == group.Id).ImageUrl);

        var served = await member.Client.GetAsync(first.ImageUrl);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", served.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        var etag = Assert.IsType<EntityTagHeaderValue>(served.Headers.ETag);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, first.ImageUrl))
        {
            conditional.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await member.Client.SendAsync(conditional)).StatusCode);
        }

        await (await outsider.Client.GetAsync(first.ImageUrl)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.DeleteAsync($"/api/v1/groups/{group.Id}/image")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await member.Client.DeleteAsync($"/api/v1/groups/{group.Id}/image")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // Replacing stores the new picture under a new URL and removes the old blob; deleting removes the last one.
        var second = await (await owner.Client.PutAsync($"/api/v1/groups/{group.Id}/image", PostImagesTests.File(PostImagesTests.Jpeg(300, 300), "h.jpg")))
            .ReadJsonAsync<GroupImageResponse>();
        Assert.NotEqual(first.ImageUrl, second.ImageUrl);
        Assert.Null(await storage.GetInfoAsync(StorageKey(group.Id, first.ImageUrl), CancellationToken.None));
        Assert.NotNull(await storage.GetInfoAsync(StorageKey(group.Id, second.ImageUrl), CancellationToken.None));
        await (await owner.Client.DeleteAsync($"/api/v1/groups/{group.Id}/image")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        Assert.Null(await storage.GetInfoAsync(StorageKey(group.Id, second.ImageUrl), CancellationToken.None));
        Assert.Null((await (await owner.Client.GetAsync($"/api/v1/groups/{group.Id}")).ReadJsonAsync<GroupResponse>()).ImageUrl);
        await (await member.Client.GetAsync(second.ImageUrl)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_leader_invites_a_person_who_is_notified_and_may_accept_into_a_private_group_or_decline()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var invitee = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        var invite = await (await owner.Client.PostAsync($"/api/v1/groups/{group.Id}/invite", null)).ReadJsonAsync<GroupInviteResponse>();
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/members", new { inviteToken = invite.InviteToken })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = invitee.Id })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = invitee.Id })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { })).ShouldBeValidationProblemAsync("userId");
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = Guid.NewGuid() })).ShouldBeValidationProblemAsync("userId");
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = member.Id })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var sent = await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = invitee.Id }))
            .ReadJsonAsync<GroupInvitationResponse>(HttpStatusCode.Created);
        Assert.Equal((invitee.Id, owner.Id), (sent.Invitee.Id, sent.InvitedBy.Id));
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = invitee.Id })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var notice = Assert.Single(await invitee.NotificationsAsync(), n => n.Type == "groupInvite");
        Assert.Equal((group.Id, "group"), (notice.SubjectId, notice.SubjectKind));
        Assert.Contains(group.Name, notice.Text, StringComparison.Ordinal);
        Assert.Equal(owner.Id, Assert.Single(notice.Actors).Id);

        // The invitee sees the private group (not its chat or members) and their invitation; nobody else can use it.
        var seen = await (await invitee.Client.GetAsync($"/api/v1/groups/{group.Id}")).ReadJsonAsync<GroupResponse>();
        Assert.True(seen.Invited);
        Assert.Null(seen.MyRole);
        await (await invitee.Client.GetAsync($"/api/v1/groups/{group.Id}/messages")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await invitee.Client.GetAsync($"/api/v1/groups/{group.Id}/members")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(group.Id, Assert.Single(await (await invitee.Client.GetAsync("/api/v1/me/group-invitations")).ReadJsonAsync<List<GroupInvitationResponse>>()).GroupId);
        Assert.Empty(await (await other.Client.GetAsync("/api/v1/me/group-invitations")).ReadJsonAsync<List<GroupInvitationResponse>>());
        await (await other.Client.PostAsync($"/api/v1/me/group-invitations/{group.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"/api/v1/groups/{group.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var joined = await (await invitee.Client.PostAsync($"/api/v1/me/group-invitations/{group.Id}/accept", null)).ReadJsonAsync<GroupJoinResponse>();
        Assert.Equal(("member", "member"), (joined.Status, joined.Role));
        var after = await (await invitee.Client.GetAsync($"/api/v1/groups/{group.Id}")).ReadJsonAsync<GroupResponse>();
        Assert.Equal(("member", false, 3), (after.MyRole, after.Invited, after.MemberCount));
        await (await invitee.Client.PostAsync($"/api/v1/me/group-invitations/{group.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound); // used up
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = invitee.Id })).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        // Declining removes the invitation and with it the view of the private group.
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = other.Id })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await other.Client.DeleteAsync($"/api/v1/me/group-invitations/{group.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await other.Client.GetAsync($"/api/v1/groups/{group.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PostAsync($"/api/v1/me/group-invitations/{group.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(3, (await (await owner.Client.GetAsync($"/api/v1/groups/{group.Id}")).ReadJsonAsync<GroupResponse>()).MemberCount);

        // Leaders see the open invitations and may take one back; the person then cannot accept it.
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/invitations", new { userId = other.Id })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var open = await (await owner.Client.GetAsync($"/api/v1/groups/{group.Id}/invitations")).ReadJsonAsync<List<GroupInvitationResponse>>();
        Assert.Equal((other.Id, owner.Id), (Assert.Single(open).Invitee.Id, open[0].InvitedBy.Id));
        await (await member.Client.GetAsync($"/api/v1/groups/{group.Id}/invitations")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.GetAsync($"/api/v1/groups/{group.Id}/invitations")).ShouldBeProblemAsync(HttpStatusCode.Forbidden); // sees the group, does not lead it
        await (await member.Client.DeleteAsync($"/api/v1/groups/{group.Id}/invitations/{other.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.Client.DeleteAsync($"/api/v1/groups/{group.Id}/invitations/{other.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await owner.Client.DeleteAsync($"/api/v1/groups/{group.Id}/invitations/{other.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.PostAsync($"/api/v1/me/group-invitations/{group.Id}/accept", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync($"/api/v1/groups/{group.Id}/invitations")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await (await owner.Client.GetAsync($"/api/v1/groups/{group.Id}/invitations")).ReadJsonAsync<List<GroupInvitationResponse>>());
    }

    private static string StorageKey(Guid groupId, string imageUrl) => $"groups/{groupId:N}/{imageUrl[(imageUrl.IndexOf("?v=", StringComparison.Ordinal) + 3)..]}.webp";
}
