using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Selah.Contracts.Catalog;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Notifications;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

public sealed class SocialAndNotificationsTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Following_fills_the_feed_and_the_follower_lists()
    {
        using var anna = await factory.NewMemberAsync();
        using var ben = await factory.NewMemberAsync();
        using var stranger = await factory.NewMemberAsync();
        var annaPost = await anna.PostAsync("testimony", "God provided");
        var annaAnonymous = await anna.PostAsync("prayerRequest", "Secret struggle", anonymous: true);
        var strangerPost = await stranger.PostAsync("general", "Unrelated");

        var relation = await (await ben.Client.PostAsync($"/api/v1/users/{anna.Id}/follow", null)).ReadJsonAsync<RelationshipResponse>();
        Assert.True(relation.Following);
        Assert.Equal(1, relation.Followers);
        await (await ben.Client.PostAsync($"/api/v1/users/{anna.Id}/follow", null)).ShouldHaveStatusAsync(HttpStatusCode.OK); // idempotent
        await (await ben.Client.PostAsync($"/api/v1/users/{ben.Id}/follow", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await ben.Client.PostAsync($"/api/v1/users/{Guid.CreateVersion7()}/follow", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var feed = await ben.Client.GetPageAsync<PostResponse>("/api/v1/posts/feed?limit=100");
        Assert.Contains(feed.Items, p => p.Id == annaPost.Id);
        Assert.DoesNotContain(feed.Items, p => p.Id == strangerPost.Id);
        Assert.DoesNotContain(feed.Items, p => p.Id == annaAnonymous.Id); // would tell Ben who wrote it

        var followers = await ben.Client.GetPageAsync<FollowResponse>($"/api/v1/users/{anna.Id}/followers");
        Assert.Equal(ben.Id, Assert.Single(followers.Items).User.Id);
        var following = await ben.Client.GetPageAsync<FollowResponse>($"/api/v1/users/{ben.Id}/following");
        Assert.Equal(anna.Id, Assert.Single(following.Items).User.Id);
        var notice = Assert.Single(await anna.NotificationsAsync(), n => n.Type == "follow");
        Assert.Equal($"{ben.DisplayName} started following you", notice.Text);

        await (await ben.Client.DeleteAsync($"/api/v1/users/{anna.Id}/follow")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Empty((await ben.Client.GetPageAsync<FollowResponse>($"/api/v1/users/{anna.Id}/followers")).Items);
    }

    [Fact]
    public async Task Blocking_hides_content_both_ways_and_muting_hides_it_from_the_muter()
    {
        using var blocker = await factory.NewMemberAsync();
        using var blocked = await factory.NewMemberAsync();
        using var muted = await factory.NewMemberAsync();
        var blockerPost = await blocker.PostAsync("general", "From the blocker");
        var blockedPost = await blocked.PostAsync("general", "From the blocked");
        var blockedComment = await blocked.CommentAsync(blockerPost.Id, "A comment from the blocked");
        var mutedPost = await muted.PostAsync("general", "From the muted");
        await (await blocked.Client.PostAsync($"/api/v1/users/{blocker.Id}/follow", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var state = await (await blocker.Client.PostAsync($"/api/v1/users/{blocked.Id}/block", null)).ReadJsonAsync<RelationshipResponse>();
        Assert.True(state.Blocked);
        await (await blocker.Client.PostAsync($"/api/v1/users/{muted.Id}/mute", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await (await blocker.Client.GetAsync($"/api/v1/posts/{blockedPost.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await blocked.Client.GetAsync($"/api/v1/posts/{blockerPost.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(blockedComment.Id.ToString(), await blocker.Client.GetRawAsync($"/api/v1/posts/{blockerPost.Id}/comments"), StringComparison.Ordinal);
        var list = await blocker.Client.GetRawAsync("/api/v1/posts?limit=100");
        Assert.DoesNotContain(blockedPost.Id.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(mutedPost.Id.ToString(), list, StringComparison.Ordinal);
        await (await blocker.Client.GetAsync($"/api/v1/posts/{mutedPost.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK); // muted, not blocked
        Assert.Empty((await blocker.Client.GetPageAsync<FollowResponse>($"/api/v1/users/{blocker.Id}/followers")).Items); // the block ended the follow
        await (await blocked.Client.PostAsync($"/api/v1/users/{blocker.Id}/follow", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);

        await (await blocker.Client.DeleteAsync($"/api/v1/users/{blocked.Id}/block")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await blocker.Client.GetAsync($"/api/v1/posts/{blockedPost.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Notifications_count_unread_and_are_marked_read_by_id_or_all()
    {
        using var author = await factory.NewMemberAsync();
        using var fan = await factory.NewMemberAsync();
        var post = await author.PostAsync("testimony", "Restored marriage");
        await fan.CommentAsync(post.Id, "Wonderful");
        await (await fan.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/reactions", new { kind = "love" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await fan.Client.PostAsync($"/api/v1/users/{author.Id}/follow", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var unread = await (await author.Client.GetAsync("/api/v1/notifications/unread-count")).ReadJsonAsync<UnreadCountResponse>();
        Assert.Equal(3, unread.Count);
        var list = await author.NotificationsAsync();
        Assert.Equal(["follow", "reaction", "comment"], list.Select(n => n.Type));
        Assert.All(list, n => Assert.False(n.Read));

        var marked = await (await author.Client.PostJsonAsync("/api/v1/notifications/read", new { ids = new[] { list[0].Id } })).ReadJsonAsync<NotificationsReadResponse>();
        Assert.Equal(1, marked.Marked);
        Assert.Equal(2, (await (await author.Client.GetAsync("/api/v1/notifications/unread-count")).ReadJsonAsync<UnreadCountResponse>()).Count);
        var unreadOnly = await author.Client.GetPageAsync<NotificationResponse>("/api/v1/notifications?unread=true");
        Assert.Equal(2, unreadOnly.Items.Count);

        // Other people's ids are ignored.
        await (await fan.Client.PostJsonAsync("/api/v1/notifications/read", new { ids = new[] { list[1].Id } })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(2, (await (await author.Client.GetAsync("/api/v1/notifications/unread-count")).ReadJsonAsync<UnreadCountResponse>()).Count);

        await (await author.Client.PostJsonAsync("/api/v1/notifications/read", new { all = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, (await (await author.Client.GetAsync("/api/v1/notifications/unread-count")).ReadJsonAsync<UnreadCountResponse>()).Count);

        // A new comment after reading starts a fresh notification rather than reviving the read one.
        await fan.CommentAsync(post.Id, "Still rejoicing");
        var after = await author.NotificationsAsync();
        Assert.Equal(2, after.Count(n => n.Type == "comment"));

        var page1 = await author.Client.GetPageAsync<NotificationResponse>("/api/v1/notifications?limit=2");
        var page2 = await author.Client.GetPageAsync<NotificationResponse>($"/api/v1/notifications?limit=2&cursor={Uri.EscapeDataString(page1.NextCursor!)}");
        Assert.Equal(after.Select(n => n.Id), page1.Items.Concat(page2.Items).Select(n => n.Id));
        await (await author.Client.GetAsync("/api/v1/notifications?cursor=bad")).ShouldBeValidationProblemAsync("cursor");
        using var visitor = factory.CreateClient();
        await (await visitor.GetAsync("/api/v1/notifications")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Followers_hear_of_a_new_release_once_when_its_announcement_runs()
    {
        using var admin = await factory.CreateAdminClientAsync();
        using var artist = await factory.CreateArtistClientAsync(admin);
        using var follower = await factory.NewMemberAsync();
        using var bystander = await factory.NewMemberAsync();
        var marker = CatalogSteps.NewMarker();
        var audio = await MediaSteps.MakeAudioAsync("ogg", 1);

        // An album that is not published yet: its first track being ready announces nothing.
        var first = await artist.WaitForProcessingAsync((await artist.UploadAcceptedAsync(audio, "one.ogg",
            new { title = "Morning Hymn", artist = $"Artist {marker}", album = $"Dawn {marker}" })).Id);
        Assert.Equal(TrackStatus.Ready, first.Status);
        var albumId = first.Album!.Id;
        await (await follower.Client.PutAsync($"/api/v1/me/following/artists/{first.Artist.Id}", null)).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await artist.PatchJsonAsync($"/api/v1/albums/{albumId}", new { published = false })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Equal(0, await ReleaseAnnouncementJob.AnnounceAsync(factory.Services.GetRequiredService<IServiceScopeFactory>(), albumId, CancellationToken.None));

        // Publishing the album schedules its announcement after the delay (so the rest of its tracks can finish first).
        await (await artist.PatchJsonAsync($"/api/v1/albums/{albumId}", new { published = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var scheduler = await factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = Assert.Single(await scheduler.GetTriggersOfJob(ReleaseAnnouncer.KeyFor(albumId)));
        Assert.InRange(trigger.StartTimeUtc - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(2));

        // What the job does when it fires: each follower is told once, whoever else is not.
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        Assert.Equal(1, await ReleaseAnnouncementJob.AnnounceAsync(scopes, albumId, CancellationToken.None));
        var notice = Assert.Single(await follower.NotificationsAsync(), n => n.Type == "newRelease");
        Assert.Equal($"New from Artist {marker}: “Dawn {marker}”", notice.Text);
        Assert.Equal(("album", albumId), (notice.SubjectKind, notice.SubjectId));
        Assert.DoesNotContain(await bystander.NotificationsAsync(), n => n.Type == "newRelease");

        // A second track of the album, and the same announcement again, tell nobody twice, even once the first was read.
        await (await follower.Client.PostJsonAsync("/api/v1/notifications/read", new { all = true })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await artist.WaitForProcessingAsync((await artist.UploadAcceptedAsync(audio, "two.ogg",
            new { title = "Evening Hymn", artist = $"Artist {marker}", album = $"Dawn {marker}" })).Id);
        Assert.Equal(0, await ReleaseAnnouncementJob.AnnounceAsync(scopes, albumId, CancellationToken.None));
        Assert.Single(await follower.NotificationsAsync(), n => n.Type == "newRelease");

        // A single (no album) is announced on its own and leads to its artist.
        var single = await artist.WaitForProcessingAsync((await artist.UploadAcceptedAsync(audio, "single.ogg",
            new { title = $"Single {marker}", artist = $"Artist {marker}" })).Id);
        var deadline = DateTime.UtcNow.AddSeconds(30); // scheduled just after the save that made the track ready
        while (await scheduler.GetJobDetail(ReleaseAnnouncer.KeyFor(single.Id)) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The single's announcement was not scheduled.");
            await Task.Delay(50);
        }

        Assert.Equal(1, await ReleaseAnnouncementJob.AnnounceAsync(scopes, single.Id, CancellationToken.None));
        var singleNotice = Assert.Single(await follower.NotificationsAsync(), n => n.Type == "newRelease" && n.SubjectKind == "artist");
        Assert.Equal(first.Artist.Id, singleNotice.SubjectId);
    }
}
