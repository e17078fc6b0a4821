using System.Net;
using System.Text.Json;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>The <c>/hubs/notifications</c> hub: live notifications (the listed record), unread counts, privacy.</summary>
public sealed class RealtimeNotificationsTests(RealtimeFactory factory) : IClassFixture<RealtimeFactory>
{
    private const string Hub = "/hubs/notifications";

    [Fact]
    public async Task A_notification_raised_by_an_API_call_arrives_live_as_the_listed_record_with_the_unread_count()
    {
        using var author = await factory.NewMemberAsync();
        using var anna = await factory.NewMemberAsync();
        using var ben = await factory.NewMemberAsync();
        var post = await author.PostAsync("testimony", "The Lord provided a job this week");
        await using var live = await LiveClient.ConnectAsync(factory, Hub, author);
        await live.WaitForAsync("unreadCount", c => c.GetProperty("count").GetInt32() == 0);

        await anna.CommentAsync(post.Id, "Praise God!");
        var pushed = await live.WaitForAsync("notification");
        var listed = Assert.Single(await author.NotificationsAsync());
        AssertSameRecord(listed, pushed);
        Assert.Equal("comment", pushed.GetProperty("type").GetString());
        await live.WaitForAsync("unreadCount", c => c.GetProperty("count").GetInt32() == 1);

        // A grouped notification arrives again, updated ("Ben and 1 other").
        await ben.CommentAsync(post.Id, "Amen!");
        var grouped = await live.WaitForAsync("notification", n => n.GetProperty("actorCount").GetInt32() == 2);
        Assert.Equal(listed.Id, grouped.GetProperty("id").GetGuid());
        AssertSameRecord(Assert.Single(await author.NotificationsAsync()), grouped);
        Assert.StartsWith(ben.DisplayName, grouped.GetProperty("text").GetString(), StringComparison.Ordinal);

        var counts = live.Received("unreadCount").Count();
        await (await author.Client.PostJsonAsync("/api/v1/notifications/read", new { all = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await live.WaitForAsync("unreadCount", _ => live.Received("unreadCount").Skip(counts).Any(c => c.GetProperty("count").GetInt32() == 0));
    }

    [Fact]
    public async Task Notifications_reach_only_their_recipient_and_every_open_connection_of_theirs()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        using var follower = await factory.NewMemberAsync();
        await using var phone = await LiveClient.ConnectAsync(factory, Hub, author);
        await using var laptop = await LiveClient.ConnectAsync(factory, Hub, author);
        await using var otherLive = await LiveClient.ConnectAsync(factory, Hub, other);

        await (await follower.Client.PostAsync($"/api/v1/users/{author.Id}/follow", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var onPhone = await phone.WaitForAsync("notification", n => n.GetProperty("type").GetString() == "follow");
        var onLaptop = await laptop.WaitForAsync("notification", n => n.GetProperty("type").GetString() == "follow");
        Assert.Equal(onPhone.GetProperty("id").GetGuid(), onLaptop.GetProperty("id").GetGuid());

        // Then one for the other person: when it has arrived, the author's earlier one has long been sent and was not theirs.
        await (await follower.Client.PostAsync($"/api/v1/users/{other.Id}/follow", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await otherLive.WaitForAsync("notification", n => n.GetProperty("type").GetString() == "follow");
        Assert.Single(otherLive.Received("notification"));
        Assert.DoesNotContain(phone.Received("notification"), n => n.GetProperty("id").GetGuid() != onPhone.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_live_notification_of_an_anonymous_prayer_never_names_the_one_who_prayed()
    {
        using var author = await factory.NewMemberAsync();
        using var secret = await factory.NewMemberAsync();
        var request = await author.PostAsync("prayerRequest", "Pray for my mother's surgery");
        await using var live = await LiveClient.ConnectAsync(factory, Hub, author);

        await (await secret.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/prayed", new { anonymous = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var pushed = await live.WaitForAsync("notification", n => n.GetProperty("type").GetString() == "prayed");
        CommunitySteps.ShouldNotReveal(pushed.GetRawText(), secret, "the live notification");
        Assert.Equal(0, pushed.GetProperty("actors").GetArrayLength());
    }

    private static void AssertSameRecord(NotificationResponse listed, JsonElement pushed)
    {
        var live = pushed.Deserialize<NotificationResponse>(TestJson.Options)!;
        Assert.Equal(listed with { Actors = [] }, live with { Actors = [] });
        Assert.Equal(listed.Actors, live.Actors);
    }
}
