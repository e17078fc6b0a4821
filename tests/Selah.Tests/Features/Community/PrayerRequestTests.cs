using System.Net;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

public sealed class PrayerRequestTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task An_anonymous_request_never_reveals_its_author_to_members_but_does_to_moderators()
    {
        using var author = await factory.NewMemberAsync(CommunitySteps.Unique("Hidden "));
        using var member = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var request = await author.PostAsync("prayerRequest", $"Please pray for my family @{member.DisplayName.Replace(" ", "")}", anonymous: true);
        Assert.Equal(author.Id, request.Author?.Id); // the author sees themselves
        Assert.True(request.IsMine);

        // The author comments on their own request and replies to a member's comment; the member reacts and prays.
        var memberComment = await member.CommentAsync(request.Id, "Praying for you");
        await author.CommentAsync(request.Id, "Thank you all", memberComment.Id);
        await author.CommentAsync(request.Id, "An update: things are better");
        await (await member.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/reactions", new { kind = "praying" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await member.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/prayed", new { })).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var where = new Dictionary<string, string>
        {
            ["get"] = await member.Client.GetRawAsync($"/api/v1/posts/{request.Id}"),
            ["list"] = await member.Client.GetRawAsync("/api/v1/posts?type=prayerRequest&limit=100"),
            ["feed"] = await member.Client.GetRawAsync("/api/v1/posts/feed?limit=100"),
            ["by author"] = await member.Client.GetRawAsync($"/api/v1/posts?author={author.Id}"),
            ["comments"] = await member.Client.GetRawAsync($"/api/v1/posts/{request.Id}/comments"),
            ["notifications"] = await member.Client.GetRawAsync("/api/v1/notifications?limit=100"),
            ["reactions"] = await member.Client.GetRawAsync($"/api/v1/posts/{request.Id}/reactions"),
        };
        foreach (var (name, json) in where)
        {
            CommunitySteps.ShouldNotReveal(json, author, name);
        }

        Assert.Contains(request.Id.ToString(), where["list"], StringComparison.Ordinal);
        Assert.DoesNotContain(request.Id.ToString(), where["by author"], StringComparison.Ordinal);
        var notifications = await member.NotificationsAsync();
        Assert.Contains(notifications, n => n.Type == "reply" && n.Actors.Count == 0 && n.Text.StartsWith("Someone replied", StringComparison.Ordinal));
        Assert.Contains(notifications, n => n.Type == "mention" && n.Actors.Count == 0);
        var comments = await member.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{request.Id}/comments");
        Assert.All(comments.Items.Where(c => c.ByPostAuthor), c => Assert.Null(c.Author));
        Assert.Equal(member.Id, comments.Items.Single(c => c.Id == memberComment.Id).Author?.Id);

        var seenByModerator = await (await moderator.Client.GetAsync($"/api/v1/posts/{request.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal(author.Id, seenByModerator.Author?.Id);
        var moderatorComments = await moderator.Client.GetRawAsync($"/api/v1/posts/{request.Id}/comments");
        Assert.Contains(author.Id.ToString(), moderatorComments, StringComparison.Ordinal);
        var moderatorByAuthor = await moderator.Client.GetPageAsync<PostResponse>($"/api/v1/posts?author={author.Id}");
        Assert.Contains(moderatorByAuthor.Items, p => p.Id == request.Id);
    }

    [Fact]
    public async Task I_prayed_counts_once_and_the_author_sees_who_prayed_except_anonymous_prayers()
    {
        using var author = await factory.NewMemberAsync();
        using var anna = await factory.NewMemberAsync(CommunitySteps.Unique("Anna "));
        using var ben = await factory.NewMemberAsync(CommunitySteps.Unique("Ben "));
        using var secret = await factory.NewMemberAsync(CommunitySteps.Unique("Secret "));
        var request = await author.PostAsync("prayerRequest", "Surgery on Tuesday");

        var first = await (await anna.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/prayed", new { })).ReadJsonAsync<PrayedResponse>();
        var again = await (await anna.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/prayed", new { })).ReadJsonAsync<PrayedResponse>();
        Assert.Equal(1, first.PrayedCount);
        Assert.Equal(1, again.PrayedCount);
        await (await ben.Client.PostAsync($"/api/v1/posts/{request.Id}/prayed", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var last = await (await secret.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/prayed", new { anonymous = true })).ReadJsonAsync<PrayedResponse>();
        Assert.Equal(3, last.PrayedCount);

        var post = await (await anna.Client.GetAsync($"/api/v1/posts/{request.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal(3, post.PrayedCount);
        Assert.True(post.PrayedByMe);

        var prayers = await (await author.Client.GetAsync($"/api/v1/posts/{request.Id}/prayed")).ReadJsonAsync<PrayersResponse>();
        Assert.Equal(3, prayers.Count);
        Assert.Equal(1, prayers.AnonymousCount);
        Assert.Equal([anna.Id, ben.Id], prayers.Named.Select(p => p.User.Id).Order());
        var raw = await author.Client.GetRawAsync($"/api/v1/posts/{request.Id}/prayed");
        CommunitySteps.ShouldNotReveal(raw, secret, "who prayed");
        await (await anna.Client.GetAsync($"/api/v1/posts/{request.Id}/prayed")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        // Grouped: one notification naming the latest named person, counting the rest (the anonymous one included).
        var notifications = await author.NotificationsAsync();
        var prayed = Assert.Single(notifications, n => n.Type == "prayed");
        Assert.Equal(3, prayed.ActorCount);
        Assert.Equal([ben.Id, anna.Id], prayed.Actors.Select(a => a.Id));
        Assert.StartsWith($"{ben.DisplayName} and 2 others prayed for your request", prayed.Text, StringComparison.Ordinal);
        CommunitySteps.ShouldNotReveal(await author.Client.GetRawAsync("/api/v1/notifications"), secret, "notifications");

        var general = await author.PostAsync("general", "Not a prayer request");
        await (await anna.Client.PostJsonAsync($"/api/v1/posts/{general.Id}/prayed", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_request_is_marked_answered_by_its_author()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        var request = await author.PostAsync("prayerRequest", "Job interview");
        await (await other.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/answered", new { update = "hijack" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await author.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/answered", new { update = "" })).ShouldBeValidationProblemAsync("update");
        var answered = await (await author.Client.PostJsonAsync($"/api/v1/posts/{request.Id}/answered", new { update = "I got the **job**!" })).ReadJsonAsync<PostResponse>();
        Assert.NotNull(answered.AnsweredAt);
        Assert.Equal("I got the **job**!", answered.AnswerText);
        Assert.Contains("<strong>job</strong>", answered.AnswerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_requests_leave_the_feed_but_stay_readable()
    {
        using var author = await factory.NewMemberAsync();
        using var reader = await factory.NewMemberAsync();
        var expiring = await author.PostAsync(new { type = "prayerRequest", body = "Travel this week", expiresInDays = 2 });
        var lasting = await author.PostAsync(new { type = "prayerRequest", body = "Long illness", expiresAt = factory.Clock.GetUtcNow().AddDays(30) });
        Assert.NotNull(expiring.ExpiresAt);

        var before = await reader.Client.GetPageAsync<PostResponse>("/api/v1/posts?type=prayerRequest&limit=100");
        Assert.Contains(before.Items, p => p.Id == expiring.Id);
        factory.Clock.Advance(TimeSpan.FromDays(3));
        try
        {
            using var later = await factory.NewMemberAsync(); // signed in after the jump, so its token is current
            var after = await later.Client.GetPageAsync<PostResponse>("/api/v1/posts?type=prayerRequest&limit=100");
            Assert.DoesNotContain(after.Items, p => p.Id == expiring.Id);
            Assert.Contains(after.Items, p => p.Id == lasting.Id);
            var direct = await (await later.Client.GetAsync($"/api/v1/posts/{expiring.Id}")).ReadJsonAsync<PostResponse>();
            Assert.True(direct.Expired);
        }
        finally
        {
            factory.Clock.Advance(TimeSpan.FromDays(-3));
        }
    }
}
