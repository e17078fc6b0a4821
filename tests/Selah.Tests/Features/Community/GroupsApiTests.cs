using System.Net;
using Selah.Contracts.Community;
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
}
