using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Realtime;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>The <c>/hubs/groups</c> chat hub: membership, one send path with REST, moderation holds, edits, typing, read markers, presence.</summary>
public sealed class RealtimeGroupsTests(RealtimeFactory factory) : IClassFixture<RealtimeFactory>
{
    private const string Hub = "/hubs/groups";

    [Fact]
    public async Task A_message_sent_on_the_hub_is_stored_and_delivered_and_one_sent_through_REST_arrives_live()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: false);
        await member.JoinPublicGroupAsync(group.Id);
        await using var ownerLive = await LiveClient.ConnectAsync(factory, Hub, owner);
        await using var memberLive = await LiveClient.ConnectAsync(factory, Hub, member);
        await ownerLive.JoinChatAsync(group.Id);
        await memberLive.JoinChatAsync(group.Id);

        var sent = await memberLive.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, "  Grace and peace  ");
        Assert.Equal("Grace and peace", sent.Text);
        Assert.Equal("published", sent.Status);
        Assert.Equal(member.Id, sent.Author!.Id);
        var arrived = await ownerLive.WaitForMessageAsync("message", sent.Id);
        Assert.Equal("Grace and peace", arrived.GetProperty("text").GetString());
        Assert.Equal(member.DisplayName, arrived.GetProperty("author").GetProperty("displayName").GetString());
        Assert.Equal(group.Id, arrived.GetProperty("groupId").GetGuid());
        var history = await owner.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages");
        Assert.Equal(sent.Id, Assert.Single(history.Items).Id);

        var viaRest = await owner.SayAsync(group.Id, "Amen, brother");
        var live = await memberLive.WaitForMessageAsync("message", viaRest.Id);
        Assert.Equal("Amen, brother", live.GetProperty("text").GetString());
        Assert.Equal(owner.Id, live.GetProperty("author").GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_non_member_gets_a_hub_error_and_never_the_messages_of_a_private_group()
    {
        using var owner = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        var secret = await owner.CreateGroupAsync(isPrivate: true);
        var open = await owner.CreateGroupAsync(isPrivate: false);
        var outsidersOwn = await outsider.CreateGroupAsync(isPrivate: false);
        await using var live = await LiveClient.ConnectAsync(factory, Hub, outsider);

        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<JsonElement>("JoinGroup", secret.Id), "not-found");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<JsonElement>("JoinGroup", open.Id), "not-a-member");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<JsonElement>("JoinGroup", Guid.NewGuid()), "not-found");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", secret.Id, "let me in"), "not-found");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", open.Id, "hello"), "not-a-member");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync("Typing", secret.Id), "not-joined");
        var secretMessage = await owner.SayAsync(secret.Id, "Only for the elders");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<JsonElement>("MarkRead", secret.Id, secretMessage.Id), "not-found");
        Assert.DoesNotContain((await owner.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{secret.Id}/messages")).Items, m => m.Text == "let me in");

        // The outsider's connection stays usable; a message in their own group arrives after the secret one was sent.
        await live.JoinChatAsync(outsidersOwn.Id);
        await owner.SayAsync(secret.Id, "Still only for the elders");
        var mine = await outsider.SayAsync(outsidersOwn.Id, "My own group");
        await live.WaitForMessageAsync("message", mine.Id);
        Assert.All(live.Received("message"), m => Assert.Equal(outsidersOwn.Id, m.GetProperty("groupId").GetGuid()));
        Assert.DoesNotContain(live.Received("presence"), p => p.GetProperty("groupId").GetGuid() != outsidersOwn.Id);
    }

    [Fact]
    public async Task A_held_message_reaches_only_its_author_and_is_never_broadcast()
    {
        using var author = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        var group = await author.CreateGroupAsync(isPrivate: false);
        await member.JoinPublicGroupAsync(group.Id);
        await using var authorLive = await LiveClient.ConnectAsync(factory, Hub, author);
        await using var memberLive = await LiveClient.ConnectAsync(factory, Hub, member);
        await authorLive.JoinChatAsync(group.Id);
        await memberLive.JoinChatAsync(group.Id);

        var held = await authorLive.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, "Buy scamcoin now");
        Assert.Equal("held", held.Status);
        var heldViaRest = await author.SayAsync(group.Id, "More scamcoin please");
        Assert.Equal("held", heldViaRest.Status);
        await authorLive.WaitForMessageAsync("message", heldViaRest.Id);
        var clean = await author.SayAsync(group.Id, "Sorry, wrong chat");
        await memberLive.WaitForMessageAsync("message", clean.Id);

        Assert.DoesNotContain(memberLive.Received("message"), m => m.GetProperty("status").GetString() != "published");
        Assert.DoesNotContain(memberLive.Received("message"), m => m.GetProperty("text").GetString()!.Contains("scamcoin", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain((await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages")).Items, m => m.Status == "held");

        // An edit that trips the first pass takes a published message out of everyone else's view.
        var edited = await (await author.Client.PatchJsonAsync($"/api/v1/groups/{group.Id}/messages/{clean.Id}", new { text = "scamcoin again" }))
            .ReadJsonAsync<GroupMessageResponse>();
        Assert.Equal("held", edited.Status);
        await memberLive.WaitForMessageAsync("messageDeleted", clean.Id);
        Assert.DoesNotContain(memberLive.Received("messageEdited"), m => m.GetProperty("id").GetGuid() == clean.Id);
    }

    [Fact]
    public async Task A_held_message_approved_by_a_moderator_reaches_the_group_live_and_a_rejected_one_never_does()
    {
        using var author = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var group = await author.CreateGroupAsync(isPrivate: false);
        await member.JoinPublicGroupAsync(group.Id);
        await using var memberLive = await LiveClient.ConnectAsync(factory, Hub, member);
        await memberLive.JoinChatAsync(group.Id);
        var keep = await author.SayAsync(group.Id, "Is scamcoin a scam? Asking for my mum");
        var drop = await author.SayAsync(group.Id, "Buy scamcoin now");
        Assert.Equal("held", keep.Status);

        var queue = await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100");
        var item = Assert.Single(queue.Items, i => i.Id == keep.Id);
        Assert.Equal("message", item.Kind);
        Assert.Equal(group.Id, item.PostId);
        await (await member.Client.PostJsonAsync($"/api/v1/moderation/items/{keep.Id}/decision", new { decision = "approve" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var approved = await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{keep.Id}/decision", new { decision = "approve" }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal(("message", "published"), (approved.Kind, approved.Status));
        await memberLive.WaitForMessageAsync("message", keep.Id);
        await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{drop.Id}/decision", new { decision = "reject", reason = "Spam" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK);

        var visible = (await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages")).Items;
        Assert.Contains(visible, m => m.Id == keep.Id && m.Status == "published");
        Assert.DoesNotContain(visible, m => m.Id == drop.Id);
        Assert.DoesNotContain(memberLive.Received("message"), m => m.GetProperty("id").GetGuid() == drop.Id);
        var notices = await author.Client.GetPageAsync<NotificationResponse>("/api/v1/notifications");
        Assert.Contains(notices.Items, n => n.Type == "moderation" && (n.Detail ?? "").Contains("Reason: Spam", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edits_and_deletes_made_through_REST_are_broadcast()
    {
        using var leader = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        var group = await leader.CreateGroupAsync(isPrivate: false);
        await member.JoinPublicGroupAsync(group.Id);
        await using var leaderLive = await LiveClient.ConnectAsync(factory, Hub, leader);
        await leaderLive.JoinChatAsync(group.Id);
        await using var memberLive = await LiveClient.ConnectAsync(factory, Hub, member);
        await memberLive.JoinChatAsync(group.Id);

        var message = await memberLive.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, "Meeting at 7");
        await (await member.Client.PatchJsonAsync($"/api/v1/groups/{group.Id}/messages/{message.Id}", new { text = "Meeting at 8" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var edit = await leaderLive.WaitForMessageAsync("messageEdited", message.Id);
        Assert.Equal("Meeting at 8", edit.GetProperty("text").GetString());
        Assert.NotEqual(JsonValueKind.Null, edit.GetProperty("editedAt").ValueKind);

        await (await leader.Client.PatchJsonAsync($"/api/v1/groups/{group.Id}/messages/{message.Id}", new { text = "hijack" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await leader.Client.DeleteAsync($"/api/v1/groups/{group.Id}/messages/{message.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var deleted = await memberLive.WaitForMessageAsync("messageDeleted", message.Id);
        Assert.Equal(group.Id, deleted.GetProperty("groupId").GetGuid());
        Assert.DoesNotContain(leaderLive.Received("messageEdited"), m => m.GetProperty("text").GetString() == "hijack");
    }

    [Fact]
    public async Task Typing_presence_and_read_markers_are_shared_and_read_markers_persist()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        var invite = await (await owner.Client.PostAsync($"/api/v1/groups/{group.Id}/invite", null)).ReadJsonAsync<GroupInviteResponse>();
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/members", new { inviteToken = invite.InviteToken })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var first = await owner.SayAsync(group.Id, "One");
        var second = await owner.SayAsync(group.Id, "Two");
        var third = await owner.SayAsync(group.Id, "Three");

        await using var ownerLive = await LiveClient.ConnectAsync(factory, Hub, owner);
        var ownerJoin = await ownerLive.JoinChatAsync(group.Id);
        Assert.Contains(ownerJoin.GetProperty("online").EnumerateArray(), u => u.GetProperty("id").GetGuid() == owner.Id);
        await using var memberLive = await LiveClient.ConnectAsync(factory, Hub, member);
        var join = await memberLive.JoinChatAsync(group.Id);
        Assert.Equal(3, join.GetProperty("unreadCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, join.GetProperty("lastReadMessageId").ValueKind);
        Assert.Equal(2, join.GetProperty("online").GetArrayLength());
        await ownerLive.WaitForAsync("presence", p => p.GetProperty("online").EnumerateArray().Any(u => u.GetProperty("id").GetGuid() == member.Id
            && u.GetProperty("displayName").GetString() == member.DisplayName));

        await memberLive.Connection.InvokeAsync("Typing", group.Id);
        var typing = await ownerLive.WaitForAsync("typing");
        Assert.Equal(group.Id, typing.GetProperty("groupId").GetGuid());
        Assert.Equal(member.Id, typing.GetProperty("userId").GetGuid());
        Assert.Equal(member.DisplayName, typing.GetProperty("displayName").GetString());
        Assert.Empty(memberLive.Received("typing"));

        var state = await memberLive.Connection.InvokeAsync<GroupReadStateResponse>("MarkRead", group.Id, second.Id);
        Assert.Equal(1, state.UnreadCount);
        var read = await ownerLive.WaitForAsync("read");
        Assert.Equal(member.Id, read.GetProperty("userId").GetGuid());
        Assert.Equal(second.Id, read.GetProperty("messageId").GetGuid());

        // Markers never move backwards, persist, and show in the REST read state and the all-groups list.
        var back = await (await member.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/read", new { messageId = first.Id })).ReadJsonAsync<GroupReadStateResponse>();
        Assert.Equal(second.Id, back.LastReadMessageId);
        Assert.Equal(1, back.UnreadCount);
        var persisted = await (await member.Client.GetAsync($"/api/v1/groups/{group.Id}/read")).ReadJsonAsync<GroupReadStateResponse>();
        Assert.Equal(new GroupReadStateResponse(group.Id, second.Id, 1), persisted);
        var all = await (await member.Client.GetAsync("/api/v1/groups/unread")).ReadJsonAsync<List<GroupReadStateResponse>>();
        Assert.Equal(new GroupReadStateResponse(group.Id, second.Id, 1), Assert.Single(all));
        await (await member.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/read", new { messageId = third.Id })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await (await member.Client.GetAsync($"/api/v1/groups/{group.Id}/read")).ReadJsonAsync<GroupReadStateResponse>()).UnreadCount);
        // The owner's own messages are never unread for them.
        Assert.Equal(0, (await (await owner.Client.GetAsync($"/api/v1/groups/{group.Id}/read")).ReadJsonAsync<GroupReadStateResponse>()).UnreadCount);

        await memberLive.Connection.StopAsync();
        await ownerLive.WaitForAsync("presence", p => p.GetProperty("online").GetArrayLength() == 1
            && p.GetProperty("online")[0].GetProperty("id").GetGuid() == owner.Id);
    }

    [Fact]
    public async Task Bad_input_is_a_named_error_on_the_hub_and_a_problem_on_REST()
    {
        using var owner = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        var other = await owner.CreateGroupAsync(isPrivate: false);
        var elsewhere = await owner.SayAsync(other.Id, "In another group");
        await using var live = await LiveClient.ConnectAsync(factory, Hub, owner);

        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, "   "), "validation: text");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, new string('a', 4001)), "validation: text");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, null), "validation: text");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<JsonElement>("MarkRead", group.Id, elsewhere.Id), "validation: messageId");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<JsonElement>("MarkRead", group.Id, Guid.NewGuid()), "validation: messageId");
        Assert.Empty((await owner.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages")).Items);

        await (await owner.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/read", new { })).ShouldBeValidationProblemAsync("messageId");
        await (await owner.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/read", new { messageId = elsewhere.Id })).ShouldBeValidationProblemAsync("messageId");
        await (await outsider.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/read", new { messageId = elsewhere.Id })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await outsider.Client.GetAsync($"/api/v1/groups/{group.Id}/read")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClient().GetAsync($"/api/v1/groups/{group.Id}/read")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Hubs_refuse_connections_without_a_valid_token()
    {
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => LiveClient.ConnectAsync(factory, Hub, (string?)null));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => LiveClient.ConnectAsync(factory, "/hubs/notifications", "not-a-token"));
    }

    [Fact]
    public async Task The_hub_and_REST_share_one_chat_rate_limit_per_account()
    {
        using var owner = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: false);
        await using var live = await LiveClient.ConnectAsync(factory, Hub, owner);
        for (var i = 0; i < RealtimeFactory.ChatPerAccount; i++)
        {
            if (i % 2 == 0)
            {
                await owner.SayAsync(group.Id, $"Verse {i}");
            }
            else
            {
                await live.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, $"Verse {i}");
            }
        }

        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<GroupMessageResponse>("SendMessage", group.Id, "One too many"), "rate-limited");
        await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "One too many" }))
            .ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "urn:selah:problem:rate-limited");
        var stored = await owner.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages?limit=100");
        Assert.Equal(RealtimeFactory.ChatPerAccount, stored.Items.Count);
    }

    [Fact]
    public async Task A_member_removed_from_a_private_group_stops_receiving_its_chat()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        var invite = await (await owner.Client.PostAsync($"/api/v1/groups/{group.Id}/invite", null)).ReadJsonAsync<GroupInviteResponse>();
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/members", new { inviteToken = invite.InviteToken })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var own = await member.CreateGroupAsync(isPrivate: false);
        await using var live = await LiveClient.ConnectAsync(factory, Hub, member);
        await live.JoinChatAsync(group.Id);
        await live.JoinChatAsync(own.Id);
        var before = await owner.SayAsync(group.Id, "Welcome");
        await live.WaitForMessageAsync("message", before.Id);

        await (await owner.Client.DeleteAsync($"/api/v1/groups/{group.Id}/members/{member.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await factory.Services.GetRequiredService<ChatPresenceRefresher>().SweepAsync(CancellationToken.None); // the periodic pass, now
        var after = await owner.SayAsync(group.Id, "Elders only from here");
        var barrier = await member.SayAsync(own.Id, "My own group");
        await live.WaitForMessageAsync("message", barrier.Id);
        Assert.DoesNotContain(live.Received("message"), m => m.GetProperty("id").GetGuid() == after.Id);
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync<JsonElement>("JoinGroup", group.Id), "not-found");
        await RealtimeSteps.ShouldFailAsync(live.Connection.InvokeAsync("Typing", group.Id), "not-joined");
    }

    [Fact]
    public async Task Chat_images_are_uploaded_sent_live_with_the_message_and_served_to_members_only()
    {
        using var author = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        var group = await author.CreateGroupAsync(isPrivate: false);
        var secret = await author.CreateGroupAsync(isPrivate: true);
        await member.JoinPublicGroupAsync(group.Id);
        await using var authorLive = await LiveClient.ConnectAsync(factory, Hub, author);
        await using var memberLive = await LiveClient.ConnectAsync(factory, Hub, member);
        await authorLive.JoinChatAsync(group.Id);
        await memberLive.JoinChatAsync(group.Id);

        var photo = await UploadAsync(author, group.Id, PostImagesTests.Jpeg(2400, 1200));
        Assert.Equal((1600, 800), (photo.Width, photo.Height));
        await (await author.Client.PostAsync($"/api/v1/groups/{group.Id}/attachments", PostImagesTests.File("<svg onload=alert(1)>"u8.ToArray(), "x.png")))
            .ShouldBeValidationProblemAsync("file");
        await (await outsider.Client.PostAsync($"/api/v1/groups/{group.Id}/attachments", PostImagesTests.File(PostImagesTests.Jpeg(20, 20), "a.jpg")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.Client.PostAsync($"/api/v1/groups/{secret.Id}/attachments", PostImagesTests.File(PostImagesTests.Jpeg(20, 20), "a.jpg")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // Someone else's upload, or one for another group, cannot be attached; nothing is stored.
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "Look", attachmentIds = new[] { photo.Id } }))
            .ShouldBeValidationProblemAsync("attachmentIds");
        var forSecret = await UploadAsync(author, secret.Id, PostImagesTests.Jpeg(30, 20));
        await (await author.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "Look", attachmentIds = new[] { forSecret.Id } }))
            .ShouldBeValidationProblemAsync("attachmentIds");
        await (await author.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "" })).ShouldBeValidationProblemAsync("text");
        await RealtimeSteps.ShouldFailAsync(
            memberLive.Connection.InvokeAsync<GroupMessageResponse>("SendMessageWithImages", group.Id, "", new[] { photo.Id }), "validation: attachmentIds");

        // The hub: an image-only message arrives live with its image.
        var sent = await authorLive.Connection.InvokeAsync<GroupMessageResponse>("SendMessageWithImages", group.Id, "", new[] { photo.Id });
        Assert.Equal("", sent.Text);
        var image = Assert.Single(sent.Images!);
        Assert.Equal((photo.Id, 1600, 800), (image.Id, image.Width, image.Height));
        var live = await memberLive.WaitForMessageAsync("message", sent.Id);
        var liveImage = Assert.Single(live.GetProperty("images").EnumerateArray());
        Assert.Equal(image.Url, liveImage.GetProperty("url").GetString());
        Assert.Equal(1600, liveImage.GetProperty("width").GetInt32());

        var served = await member.Client.GetAsync(image.Url);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/webp", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", served.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        await (await outsider.Client.GetAsync(image.Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClient().GetAsync(image.Url)).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await member.Client.GetAsync($"/api/v1/groups/{group.Id}/messages/{Guid.NewGuid()}/images/{image.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // An upload is used once; REST takes text and several images, in the order given, and the history carries them.
        await (await author.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "Again", attachmentIds = new[] { photo.Id } }))
            .ShouldBeValidationProblemAsync("attachmentIds");
        var second = await UploadAsync(author, group.Id, PostImagesTests.Jpeg(40, 30));
        var third = await UploadAsync(author, group.Id, PostImagesTests.Jpeg(50, 30));
        var viaRest = await (await author.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "Our picnic", attachmentIds = new[] { third.Id, second.Id } }))
            .ReadJsonAsync<GroupMessageResponse>(HttpStatusCode.Created);
        Assert.Equal([third.Id, second.Id], viaRest.Images!.Select(i => i.Id));
        var history = await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages");
        Assert.Equal([third.Id, second.Id], history.Items.Single(m => m.Id == viaRest.Id).Images!.Select(i => i.Id));
        Assert.Single(history.Items.Single(m => m.Id == sent.Id).Images!);
        await (await author.Client.PatchJsonAsync($"/api/v1/groups/{group.Id}/messages/{sent.Id}", new { text = "" }))
            .ShouldHaveStatusAsync(HttpStatusCode.OK); // an image message may lose its caption
        await (await author.Client.PatchJsonAsync($"/api/v1/groups/{group.Id}/messages/{viaRest.Id}", new { text = "x", attachmentIds = new[] { photo.Id } }))
            .ShouldBeValidationProblemAsync("attachmentIds");

        // A held message's image is the author's alone until approved.
        var heldPhoto = await UploadAsync(author, group.Id, PostImagesTests.Jpeg(60, 40));
        var held = await (await author.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "scamcoin pics", attachmentIds = new[] { heldPhoto.Id } }))
            .ReadJsonAsync<GroupMessageResponse>(HttpStatusCode.Created);
        Assert.Equal("held", held.Status);
        var heldUrl = Assert.Single(held.Images!).Url;
        Assert.Equal(HttpStatusCode.OK, (await author.Client.GetAsync(heldUrl)).StatusCode);
        await (await member.Client.GetAsync(heldUrl)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // A deleted message serves its images no more, and the clean-up removes them (and expired, never-sent uploads).
        await (await author.Client.DeleteAsync($"/api/v1/groups/{group.Id}/messages/{viaRest.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await member.Client.GetAsync(viaRest.Images![0].Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await author.Client.GetAsync(viaRest.Images![1].Url)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages")).Items.Single(m => m.Id == viaRest.Id).Images!);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.True(await ChatImageCleanupJob.CleanAsync(scope.ServiceProvider, CancellationToken.None) >= 2);
        }

        Assert.Equal(HttpStatusCode.OK, (await member.Client.GetAsync(image.Url)).StatusCode);
    }

    private static async Task<ChatAttachmentResponse> UploadAsync(Member member, Guid groupId, byte[] bytes) =>
        await (await member.Client.PostAsync($"/api/v1/groups/{groupId}/attachments", PostImagesTests.File(bytes, "photo.jpg")))
            .ReadJsonAsync<ChatAttachmentResponse>(HttpStatusCode.Created);
}
