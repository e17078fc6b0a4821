using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.PrayerRooms;
using Selah.Server.Infrastructure.Data;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>Live prayer rooms: who may enter (community-wide, group members only), the hub round trip, host-only pinning, moderation holds.</summary>
public sealed class PrayerRoomsTests(RealtimeFactory factory) : IClassFixture<RealtimeFactory>
{
    private const string Hub = "/hubs/prayer-rooms";

    [Fact]
    public async Task Room_messages_are_edited_by_their_author_and_removed_by_the_author_or_host_live()
    {
        using var host = await factory.NewMemberAsync();
        using var guest = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        var room = await host.OpenRoomAsync("Night watch");
        await using var hostLive = await LiveClient.ConnectAsync(factory, Hub, host);
        await hostLive.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", room.Id);
        var messages = $"/api/v1/prayer-rooms/{room.Id}/messages";
        var message = await (await guest.Client.PostJsonAsync(messages, new { text = "Praying for Sam" })).ReadJsonAsync<PrayerRoomMessageResponse>(HttpStatusCode.Created);

        var edited = await (await guest.Client.PatchJsonAsync($"{messages}/{message.Id}", new { text = "  Praying for Sam and Ana  " })).ReadJsonAsync<PrayerRoomMessageResponse>();
        Assert.Equal("Praying for Sam and Ana", edited.Text);
        Assert.NotNull(edited.EditedAt);
        var live = await hostLive.WaitForAsync("messageEdited", p => p.GetProperty("id").GetGuid() == message.Id);
        Assert.Equal("Praying for Sam and Ana", live.GetProperty("text").GetString());
        await (await guest.Client.PatchJsonAsync($"{messages}/{message.Id}", new { text = " " })).ShouldBeValidationProblemAsync("text");
        await (await host.Client.PatchJsonAsync($"{messages}/{message.Id}", new { text = "Host rewrites" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.PatchJsonAsync($"{messages}/{message.Id}", new { text = "Not mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.DeleteAsync($"{messages}/{message.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await guest.Client.PatchJsonAsync($"{messages}/{Guid.NewGuid()}", new { text = "Where?" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // The host removes a guest's message; the author deletes their own. Both leave the room's view live and the history.
        await (await host.Client.DeleteAsync($"{messages}/{message.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await hostLive.WaitForAsync("messageDeleted", p => p.GetProperty("messageId").GetGuid() == message.Id);
        await (await guest.Client.DeleteAsync($"{messages}/{message.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var own = await (await other.Client.PostJsonAsync(messages, new { text = "Amen" })).ReadJsonAsync<PrayerRoomMessageResponse>(HttpStatusCode.Created);
        await (await other.Client.DeleteAsync($"{messages}/{own.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await hostLive.WaitForAsync("messageDeleted", p => p.GetProperty("messageId").GetGuid() == own.Id);
        Assert.Empty((await guest.Client.GetPageAsync<PrayerRoomMessageResponse>(messages)).Items);
    }

    [Fact]
    public async Task A_group_leader_may_close_a_members_room_and_the_prayer_list_pages_beyond_200()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: false);
        await member.JoinPublicGroupAsync(group.Id);
        await other.JoinPublicGroupAsync(group.Id);
        var room = await member.OpenRoomAsync("Members' room", group.Id);
        Assert.True(room.CanClose);

        var asLeader = await (await owner.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}")).ReadJsonAsync<PrayerRoomResponse>();
        Assert.True(asLeader.CanClose);
        Assert.False(asLeader.IsHost);
        Assert.True((await owner.Client.GetPageAsync<PrayerRoomResponse>($"/api/v1/prayer-rooms?groupId={group.Id}")).Items.Single(r => r.Id == room.Id).CanClose);
        Assert.False((await (await other.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}")).ReadJsonAsync<PrayerRoomResponse>()).CanClose);
        Assert.False((await other.Client.GetPageAsync<PrayerRoomResponse>($"/api/v1/prayer-rooms?groupId={group.Id}")).Items.Single(r => r.Id == room.Id).CanClose);
        await (await other.Client.PostAsync($"/api/v1/prayer-rooms/{room.Id}/close", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // 205 requests (written straight to the store: the chat rate limit would take minutes through the API).
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
            var ids = Enumerable.Range(0, 205).Select(_ => Guid.CreateVersion7()).Order().ToList(); // v7 ids within one millisecond are not ordered by themselves
            for (var i = 0; i < 205; i++)
            {
                db.PrayerRoomRequests.Add(new PrayerRoomRequest { Id = ids[i], RoomId = room.Id, AuthorId = member.Id, Text = $"Request {i:000}", CreatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
        }

        var requests = $"/api/v1/prayer-rooms/{room.Id}/requests";
        var newest = await (await other.Client.GetAsync(requests)).ReadJsonAsync<List<PrayerRoomRequestResponse>>();
        Assert.Equal(200, newest.Count);
        Assert.Equal(("Request 005", "Request 204"), (newest[0].Text, newest[^1].Text));
        var earlier = await (await other.Client.GetAsync($"{requests}?before={newest[0].Id}&limit=200")).ReadJsonAsync<List<PrayerRoomRequestResponse>>();
        Assert.Equal(["Request 000", "Request 001", "Request 002", "Request 003", "Request 004"], earlier.Select(r => r.Text));
        Assert.Equal(["Request 003", "Request 004"],
            (await (await other.Client.GetAsync($"{requests}?before={newest[0].Id}&limit=2")).ReadJsonAsync<List<PrayerRoomRequestResponse>>()).Select(r => r.Text));
        await (await other.Client.GetAsync($"{requests}?limit=0")).ShouldBeValidationProblemAsync("limit");
        await (await other.Client.GetAsync($"{requests}?limit=201")).ShouldBeValidationProblemAsync("limit");

        var closed = await (await owner.Client.PostAsync($"/api/v1/prayer-rooms/{room.Id}/close", null)).ReadJsonAsync<PrayerRoomResponse>();
        Assert.False(closed.IsOpen);
    }

    [Fact]
    public async Task Members_gather_in_a_room_live_add_requests_pray_and_the_host_pins_one()
    {
        using var host = await factory.NewMemberAsync();
        using var guest = await factory.NewMemberAsync();
        var room = await host.OpenRoomAsync("Evening prayer");
        Assert.True(room.IsHost);
        Assert.True(room.IsOpen);
        Assert.Null(room.Group);
        await using var hostLive = await LiveClient.ConnectAsync(factory, Hub, host);
        await using var guestLive = await LiveClient.ConnectAsync(factory, Hub, guest);
        await hostLive.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", room.Id);
        var joined = await guestLive.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", room.Id);
        Assert.False(joined.Room.IsHost);
        Assert.Contains(joined.Praying, u => u.Id == guest.Id);
        await hostLive.WaitForAsync("presence", p => p.GetProperty("praying").EnumerateArray().Any(u => u.GetProperty("id").GetGuid() == guest.Id));

        var request = await guestLive.Connection.InvokeAsync<PrayerRoomRequestResponse>("AddRequest", room.Id, "  For my mother's surgery  ");
        Assert.Equal("For my mother's surgery", request.Text);
        Assert.Equal("published", request.Status);
        var arrived = await hostLive.WaitForAsync("request", p => p.GetProperty("id").GetGuid() == request.Id);
        Assert.Equal(guest.DisplayName, arrived.GetProperty("author").GetProperty("displayName").GetString());

        var praying = await hostLive.Connection.InvokeAsync<PrayerRoomRequestResponse>("Praying", room.Id, request.Id);
        Assert.True(praying.IAmPraying);
        Assert.Equal(1, praying.PrayingCount);
        await hostLive.Connection.InvokeAsync<PrayerRoomRequestResponse>("Praying", room.Id, request.Id); // once per person
        await guestLive.WaitForAsync("praying", p => p.GetProperty("requestId").GetGuid() == request.Id && p.GetProperty("prayingCount").GetInt32() == 1);

        var pinned = await hostLive.Connection.InvokeAsync<PrayerRoomResponse>("PinRequest", room.Id, request.Id);
        Assert.Equal(request.Id, pinned.Pinned!.Id);
        var live = await guestLive.WaitForAsync("pinned", p => p.GetProperty("roomId").GetGuid() == room.Id);
        Assert.Equal(request.Id, live.GetProperty("request").GetProperty("id").GetGuid());
        var fetched = await (await guest.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}")).ReadJsonAsync<PrayerRoomResponse>();
        Assert.Equal(request.Id, fetched.Pinned!.Id);
        Assert.Equal(1, fetched.Pinned.PrayingCount);

        var message = await (await guest.Client.PostJsonAsync($"/api/v1/prayer-rooms/{room.Id}/messages", new { text = "Amen" }))
            .ReadJsonAsync<PrayerRoomMessageResponse>(HttpStatusCode.Created);
        await hostLive.WaitForAsync("message", p => p.GetProperty("id").GetGuid() == message.Id);
        var history = await host.Client.GetPageAsync<PrayerRoomMessageResponse>($"/api/v1/prayer-rooms/{room.Id}/messages");
        Assert.Equal(message.Id, Assert.Single(history.Items).Id);
        var list = await (await guest.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}/requests")).ReadJsonAsync<List<PrayerRoomRequestResponse>>();
        Assert.Equal(request.Id, Assert.Single(list).Id);
        Assert.Contains((await guest.Client.GetPageAsync<PrayerRoomResponse>("/api/v1/prayer-rooms?limit=100")).Items, r => r.Id == room.Id);
    }

    [Fact]
    public async Task Only_the_host_pins_and_a_closed_room_takes_no_more_requests()
    {
        using var host = await factory.NewMemberAsync();
        using var guest = await factory.NewMemberAsync();
        var room = await host.OpenRoomAsync("Morning watch");
        var request = await (await guest.Client.PostJsonAsync($"/api/v1/prayer-rooms/{room.Id}/requests", new { text = "Healing for Tom" }))
            .ReadJsonAsync<PrayerRoomRequestResponse>(HttpStatusCode.Created);
        await using var guestLive = await LiveClient.ConnectAsync(factory, Hub, guest);
        await guestLive.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", room.Id);

        await (await guest.Client.PutJsonAsync($"/api/v1/prayer-rooms/{room.Id}/pin", new { requestId = request.Id }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:not-the-host");
        await RealtimeSteps.ShouldFailAsync(guestLive.Connection.InvokeAsync<PrayerRoomResponse>("PinRequest", room.Id, request.Id), "not-the-host");
        Assert.Null((await (await host.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}")).ReadJsonAsync<PrayerRoomResponse>()).Pinned);
        await (await host.Client.PutJsonAsync($"/api/v1/prayer-rooms/{room.Id}/pin", new { requestId = Guid.NewGuid() })).ShouldBeValidationProblemAsync("requestId");
        await (await guest.Client.PostAsync($"/api/v1/prayer-rooms/{room.Id}/close", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var closed = await (await host.Client.PostAsync($"/api/v1/prayer-rooms/{room.Id}/close", null)).ReadJsonAsync<PrayerRoomResponse>();
        Assert.False(closed.IsOpen);
        await guestLive.WaitForAsync("roomClosed", p => p.GetProperty("roomId").GetGuid() == room.Id);
        await (await guest.Client.PostJsonAsync($"/api/v1/prayer-rooms/{room.Id}/requests", new { text = "One more" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "urn:selah:problem:room-closed");
        Assert.DoesNotContain((await guest.Client.GetPageAsync<PrayerRoomResponse>("/api/v1/prayer-rooms?limit=100")).Items, r => r.Id == room.Id);
    }

    [Fact]
    public async Task A_private_groups_room_is_not_found_for_outsiders_and_a_public_groups_room_needs_membership()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        var secret = await owner.CreateGroupAsync(isPrivate: true);
        var open = await owner.CreateGroupAsync(isPrivate: false);
        await member.JoinPublicGroupAsync(open.Id);
        var secretRoom = await owner.OpenRoomAsync("Elders", secret.Id);
        var openRoom = await owner.OpenRoomAsync("Home group", open.Id);
        Assert.Equal(secret.Id, secretRoom.Group!.Id);

        await (await outsider.Client.GetAsync($"/api/v1/prayer-rooms/{secretRoom.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync($"/api/v1/prayer-rooms/{secretRoom.Id}/requests")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.PostJsonAsync($"/api/v1/prayer-rooms/{secretRoom.Id}/requests", new { text = "let me in" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync($"/api/v1/prayer-rooms?groupId={secret.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.PostJsonAsync("/api/v1/prayer-rooms", new { title = "Mine now", groupId = secret.Id })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync($"/api/v1/prayer-rooms/{openRoom.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:not-a-member");
        var outsiderList = await outsider.Client.GetPageAsync<PrayerRoomResponse>("/api/v1/prayer-rooms?limit=100");
        Assert.DoesNotContain(outsiderList.Items, r => r.Id == secretRoom.Id || r.Id == openRoom.Id);

        await using var live = await LiveClient.ConnectAsync(factory, Hub, outsider);
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", secretRoom.Id), "not-found");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", openRoom.Id), "not-a-member");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<PrayerRoomRequestResponse>("AddRequest", secretRoom.Id, "sneaky"), "not-found");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", Guid.NewGuid()), "not-found");

        var memberView = await (await member.Client.GetAsync($"/api/v1/prayer-rooms/{openRoom.Id}")).ReadJsonAsync<PrayerRoomResponse>();
        Assert.Equal(open.Name, memberView.Group!.Name);
        Assert.Contains((await member.Client.GetPageAsync<PrayerRoomResponse>($"/api/v1/prayer-rooms?groupId={open.Id}")).Items, r => r.Id == openRoom.Id);
        await (await member.Client.GetAsync($"/api/v1/prayer-rooms/{secretRoom.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Held_text_reaches_only_its_author_and_bad_input_names_the_field()
    {
        using var host = await factory.NewMemberAsync();
        using var author = await factory.NewMemberAsync();
        var room = await host.OpenRoomAsync("Open door");
        await using var hostLive = await LiveClient.ConnectAsync(factory, Hub, host);
        await using var authorLive = await LiveClient.ConnectAsync(factory, Hub, author);
        await hostLive.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", room.Id);
        await authorLive.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", room.Id);

        var heldRequest = await authorLive.Connection.InvokeAsync<PrayerRoomRequestResponse>("AddRequest", room.Id, "Pray my scamcoin goes up");
        Assert.Equal("held", heldRequest.Status);
        var heldMessage = await authorLive.Connection.InvokeAsync<PrayerRoomMessageResponse>("SendMessage", room.Id, "Buy scamcoin");
        Assert.Equal("held", heldMessage.Status);
        await authorLive.WaitForAsync("message", p => p.GetProperty("id").GetGuid() == heldMessage.Id);
        var clean = await authorLive.Connection.InvokeAsync<PrayerRoomMessageResponse>("SendMessage", room.Id, "Sorry, wrong room");
        await hostLive.WaitForAsync("message", p => p.GetProperty("id").GetGuid() == clean.Id);

        Assert.DoesNotContain(hostLive.Received("message").Concat(hostLive.Received("request")),
            p => p.GetProperty("text").GetString()!.Contains("scamcoin", StringComparison.Ordinal));
        var hostList = await (await host.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}/requests")).ReadJsonAsync<List<PrayerRoomRequestResponse>>();
        Assert.Empty(hostList);
        var authorList = await (await author.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}/requests")).ReadJsonAsync<List<PrayerRoomRequestResponse>>();
        Assert.Equal("held", Assert.Single(authorList).Status);
        Assert.DoesNotContain((await host.Client.GetPageAsync<PrayerRoomMessageResponse>($"/api/v1/prayer-rooms/{room.Id}/messages")).Items, m => m.Status == "held");
        await (await host.Client.PutJsonAsync($"/api/v1/prayer-rooms/{room.Id}/pin", new { requestId = heldRequest.Id })).ShouldBeValidationProblemAsync("requestId");
        await (await host.Client.PostAsync($"/api/v1/prayer-rooms/{room.Id}/requests/{heldRequest.Id}/praying", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        await (await author.Client.PostJsonAsync($"/api/v1/prayer-rooms/{room.Id}/requests", new { text = "   " })).ShouldBeValidationProblemAsync("text");
        await (await author.Client.PostJsonAsync($"/api/v1/prayer-rooms/{room.Id}/messages", new { text = new string('a', 1001) })).ShouldBeValidationProblemAsync("text");
        await (await author.Client.PostJsonAsync("/api/v1/prayer-rooms", new { title = " " })).ShouldBeValidationProblemAsync("title");
        await (await author.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}/messages?cursor=nonsense")).ShouldBeValidationProblemAsync("cursor");
        await (await author.Client.GetAsync("/api/v1/prayer-rooms?limit=1000")).ShouldBeValidationProblemAsync("limit");
        await RealtimeSteps.ShouldFailAsync(authorLive.Connection.InvokeAsync<PrayerRoomMessageResponse>("SendMessage", room.Id, ""), "validation");
    }

    [Fact]
    public async Task Held_room_text_waits_in_the_moderation_queue_and_an_approved_request_reaches_the_room_live()
    {
        using var host = await factory.NewMemberAsync();
        using var author = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var room = await host.OpenRoomAsync("Night watch");
        await using var hostLive = await LiveClient.ConnectAsync(factory, Hub, host);
        await hostLive.Connection.InvokeAsync<PrayerRoomJoinResult>("JoinRoom", room.Id);
        var held = await (await author.Client.PostJsonAsync($"/api/v1/prayer-rooms/{room.Id}/requests", new { text = "Pray for my scamcoin launch" }))
            .ReadJsonAsync<PrayerRoomRequestResponse>(HttpStatusCode.Created);
        Assert.Equal("held", held.Status);
        var heldMessage = await (await author.Client.PostJsonAsync($"/api/v1/prayer-rooms/{room.Id}/messages", new { text = "scamcoin to the moon" }))
            .ReadJsonAsync<PrayerRoomMessageResponse>(HttpStatusCode.Created);

        var queue = await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100");
        var item = Assert.Single(queue.Items, i => i.Id == held.Id);
        Assert.Equal(("roomRequest", room.Id, author.Id), (item.Kind, item.PostId!.Value, item.Author.Id));
        Assert.Contains(queue.Items, i => i.Id == heldMessage.Id && i.Kind == "roomMessage");
        await (await author.Client.PostJsonAsync($"/api/v1/moderation/items/{held.Id}/decision", new { decision = "approve" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var edited = "Pray for my new business";
        var decided = await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{held.Id}/decision",
            new { decision = "edit", reason = "No promotions, please", text = edited })).ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal("published", decided.Status);
        await hostLive.WaitForAsync("request", p => p.GetProperty("id").GetGuid() == held.Id && p.GetProperty("text").GetString() == edited);
        var hostList = await (await host.Client.GetAsync($"/api/v1/prayer-rooms/{room.Id}/requests")).ReadJsonAsync<List<PrayerRoomRequestResponse>>();
        Assert.Equal(edited, Assert.Single(hostList).Text);
        await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{heldMessage.Id}/decision", new { decision = "reject", reason = "Spam" }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.DoesNotContain((await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100")).Items,
            i => i.Id == held.Id || i.Id == heldMessage.Id);
        Assert.DoesNotContain(hostLive.Received("message"), p => p.GetProperty("id").GetGuid() == heldMessage.Id);
    }
}

public static class PrayerRoomSteps
{
    public static async Task<PrayerRoomResponse> OpenRoomAsync(this Member member, string title, Guid? groupId = null) =>
        await (await member.Client.PostJsonAsync("/api/v1/prayer-rooms", new { title = CommunitySteps.Unique(title + " "), groupId }))
            .ReadJsonAsync<PrayerRoomResponse>(HttpStatusCode.Created);
}
