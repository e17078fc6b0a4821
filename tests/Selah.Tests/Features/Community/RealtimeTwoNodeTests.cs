using Microsoft.AspNetCore.SignalR.Client;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>
/// Two Selah nodes on one PostgreSQL database and one Redis (the scale-out topology): chat messages and notifications
/// raised on node A reach connections on node B through the Redis backplane; presence is shared.
/// </summary>
public sealed class RealtimeTwoNodeTests
{
    [TwoNodeFact]
    public async Task A_chat_message_and_a_notification_raised_on_node_A_arrive_live_on_node_B()
    {
        await using var store = new SharedStore();
        await using var nodeA = new RealtimeNodeFactory(store, TestEnvironment.Redis!);
        _ = nodeA.Server; // migrate and seed before the second node starts
        await using var nodeB = new RealtimeNodeFactory(store, TestEnvironment.Redis!);
        _ = nodeB.Server;

        using var owner = await nodeA.NewMemberAsync();
        using var member = await nodeA.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        var invite = await (await owner.Client.PostAsync($"/api/v1/groups/{group.Id}/invite", null)).ReadJsonAsync<GroupInviteResponse>();
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/members", new { inviteToken = invite.InviteToken }))
            .ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        var post = await member.PostAsync("testimony", "Healed after years of pain");

        // The member is connected to node B only (same token: keys and sessions are shared).
        await using var chatOnB = await LiveClient.ConnectAsync(nodeB, "/hubs/groups", member);
        await using var notificationsOnB = await LiveClient.ConnectAsync(nodeB, "/hubs/notifications", member);
        await using var ownerOnA = await LiveClient.ConnectAsync(nodeA, "/hubs/groups", owner);
        await ownerOnA.JoinChatAsync(group.Id);
        var join = await chatOnB.JoinChatAsync(group.Id);
        Assert.Equal(2, join.GetProperty("online").GetArrayLength()); // presence lives in Redis: node B sees the owner on node A
        await ownerOnA.WaitForAsync("presence", p => p.GetProperty("online").GetArrayLength() == 2);

        var viaRestOnA = await owner.SayAsync(group.Id, "Welcome to the group");
        await chatOnB.WaitForMessageAsync("message", viaRestOnA.Id);
        var viaHubOnA = await ownerOnA.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, "Prayer at 7");
        await chatOnB.WaitForMessageAsync("message", viaHubOnA.Id);
        var reply = await chatOnB.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, "See you there");
        await ownerOnA.WaitForMessageAsync("message", reply.Id);
        await ownerOnA.Connection.InvokeAsync("Typing", group.Id);
        await chatOnB.WaitForAsync("typing", t => t.GetProperty("userId").GetGuid() == owner.Id);

        await owner.CommentAsync(post.Id, "Praise the Lord!");
        var pushed = await notificationsOnB.WaitForAsync("notification", n => n.GetProperty("type").GetString() == "comment");
        Assert.Equal(owner.Id, pushed.GetProperty("actors")[0].GetProperty("id").GetGuid());
        await notificationsOnB.WaitForAsync("unreadCount", c => c.GetProperty("count").GetInt32() == 1);
    }
}
