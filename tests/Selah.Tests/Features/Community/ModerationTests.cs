using System.Net;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>A server whose first pass blocks "scamcoin", flags "casino" and counts links from accounts younger than a week.</summary>
public sealed class ModerationFactory : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:Moderation:BlockedWords:0"] = "scamcoin";
        settings["Selah:Moderation:FlaggedWords:0"] = "casino";
        settings["Selah:Moderation:NewAccountDays"] = "7";
    }
}

public sealed class ModerationTests(ModerationFactory factory) : IClassFixture<ModerationFactory>
{
    [Fact]
    public async Task A_held_post_is_seen_only_by_its_author_and_moderators_until_approved()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var held = await author.PostAsync("prayerRequest", "Pray that my SCAMCOIN investment pays off", anonymous: true);
        Assert.Equal("held", held.Status);
        Assert.True(held.PendingReview);

        await (await other.Client.GetAsync($"/api/v1/posts/{held.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await other.Client.GetPageAsync<PostResponse>("/api/v1/posts?limit=100")).Items, p => p.Id == held.Id);
        var own = await author.Client.GetPageAsync<PostResponse>($"/api/v1/posts?author={author.Id}");
        Assert.True(Assert.Single(own.Items, p => p.Id == held.Id).PendingReview);
        await (await other.Client.PostJsonAsync($"/api/v1/posts/{held.Id}/prayed", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.Client.GetAsync("/api/v1/moderation/queue")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await other.Client.PostJsonAsync($"/api/v1/moderation/items/{held.Id}/decision", new { decision = "approve" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var queue = await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100");
        var item = Assert.Single(queue.Items, i => i.Id == held.Id);
        Assert.Equal(author.Id, item.Author.Id); // moderators see the anonymous author
        Assert.True(item.Anonymous);
        Assert.Contains("Blocked word: scamcoin", item.Reasons);
        Assert.True(item.Score >= 100);

        await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{held.Id}/decision", new { decision = "maybe" })).ShouldBeValidationProblemAsync("decision");
        await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{Guid.CreateVersion7()}/decision", new { decision = "approve" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var decision = await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{held.Id}/decision", new { decision = "approve", reason = "Looks fine" }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal("published", decision.Status);

        var visible = await (await other.Client.GetAsync($"/api/v1/posts/{held.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Null(visible.Author);
        var notice = Assert.Single(await author.NotificationsAsync(), n => n.Type == "moderation");
        Assert.Contains("approved", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Looks fine", notice.Detail, StringComparison.Ordinal);
        Assert.Empty(notice.Actors);

        using var admin = await factory.CreateAdminClientAsync();
        var audit = await admin.GetPageAsync<Selah.Contracts.Admin.AuditEntryResponse>("/api/v1/admin/audit?limit=100");
        var entry = Assert.Single(audit.Items, a => a.TargetId == held.Id.ToString());
        Assert.Equal("community.moderation.approve", entry.Action);
        Assert.Equal(moderator.Id, entry.ActorId);
        Assert.Contains("held", entry.Before, StringComparison.Ordinal);
        Assert.Contains("published", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_comment_stays_hidden_and_its_author_is_told_why()
    {
        using var author = await factory.NewMemberAsync();
        using var commenter = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var post = await author.PostAsync("question", "Where to find peace?");
        var comment = await commenter.CommentAsync(post.Id, "Try the scamcoin casino");
        Assert.Equal("held", comment.Status);
        Assert.Empty((await author.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{post.Id}/comments")).Items);
        Assert.Single((await commenter.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{post.Id}/comments")).Items);
        Assert.DoesNotContain(await author.NotificationsAsync(), n => n.Type == "comment"); // not until it is published

        await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{comment.Id}/decision", new { decision = "reject" })).ShouldBeValidationProblemAsync("reason");
        var decision = await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{comment.Id}/decision", new { decision = "reject", reason = "Advertising" }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal("comment", decision.Kind);
        Assert.Equal("rejected", decision.Status);
        Assert.Empty((await author.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{post.Id}/comments")).Items);
        var notice = Assert.Single(await commenter.NotificationsAsync(), n => n.Type == "moderation");
        Assert.Contains("Advertising", notice.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(moderator.DisplayName, await commenter.Client.GetRawAsync("/api/v1/notifications"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PLEASE EVERYONE PRAY FOR THIS RIGHT NOW", "Shouting (all capitals)")]
    [InlineData("My testimony: https://example.org/story", "Links from a new account")]
    public async Task The_first_pass_scores_shouting_and_links_from_new_accounts(string text, string reason)
    {
        using var author = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var post = await author.PostAsync("testimony", text + " casino"); // the flagged word adds 25, so each rule tips it over 50
        Assert.Equal("held", post.Status);
        var item = Assert.Single((await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100")).Items, i => i.Id == post.Id);
        Assert.Contains(reason, item.Reasons);
        Assert.Contains("Flagged word: casino", item.Reasons);

        var calm = await author.PostAsync("testimony", "A quiet word about the casino I used to visit");
        Assert.Equal("published", calm.Status); // the flagged word alone stays under the threshold
    }

    [Fact]
    public async Task Duplicate_text_is_held_and_an_edit_that_trips_the_first_pass_goes_back_to_review()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        var first = await author.PostAsync("general", "Join us for worship tonight");
        Assert.Equal("published", first.Status);
        var again = await author.PostAsync("general", "Join us for worship tonight");
        Assert.Equal("held", again.Status);

        var edited = await (await author.Client.PatchJsonAsync($"/api/v1/posts/{first.Id}", new { body = "Join us, scamcoin accepted" })).ReadJsonAsync<PostResponse>();
        Assert.Equal("held", edited.Status);
        await (await other.Client.GetAsync($"/api/v1/posts/{first.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Guidelines_are_public()
    {
        using var client = factory.CreateClient();
        var guidelines = await (await client.GetAsync("/api/v1/community/guidelines")).ReadJsonAsync<CommunityGuidelinesResponse>();
        Assert.Contains("Be kind", guidelines.Markdown, StringComparison.Ordinal);
        Assert.Contains("<strong>Be kind.</strong>", guidelines.Html, StringComparison.Ordinal);
    }
}

/// <summary>The admin setting "hold new members' first posts" (here: the first two).</summary>
public sealed class FirstPostsFactory : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Selah:Moderation:HoldFirstPosts"] = "2";
}

public sealed class FirstPostsHeldTests(FirstPostsFactory factory) : IClassFixture<FirstPostsFactory>
{
    [Fact]
    public async Task A_new_members_first_posts_are_held_and_later_ones_published()
    {
        using var member = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        Assert.Equal("held", (await member.PostAsync("general", "Hello everyone")).Status);
        Assert.Equal("held", (await member.PostAsync("general", "Glad to be here")).Status);
        Assert.Equal("published", (await member.PostAsync("general", "Third time")).Status);
        Assert.Equal("published", (await moderator.PostAsync("general", "Moderators are not held")).Status);
    }
}

/// <summary>Posting limited to two posts and two comments per account per window.</summary>
public sealed class CommunityRateLimitFactory : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:RateLimits:Policies:community-posts:PerAccount"] = "2";
        settings["Selah:RateLimits:Policies:community-comments:PerAccount"] = "2";
    }
}

public sealed class CommunityRateLimitTests(CommunityRateLimitFactory factory) : IClassFixture<CommunityRateLimitFactory>
{
    [Fact]
    public async Task Posting_and_commenting_are_rate_limited_per_account()
    {
        using var member = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        var post = await member.PostAsync("general", "One");
        await member.PostAsync("general", "Two");
        var third = await member.Client.PostJsonAsync("/api/v1/posts", new { type = "general", body = "Three" });
        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "urn:selah:problem:rate-limited");
        third.ShouldHaveRetryAfter();
        await other.PostAsync("general", "Someone else may still post");

        await member.CommentAsync(post.Id, "c1");
        await member.CommentAsync(post.Id, "c2");
        var tooMany = await member.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/comments", new { body = "c3" });
        await tooMany.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }
}

public sealed class ModerationOptionsValidationTests
{
    private sealed class BadFactory : SelahFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Selah:Moderation:HoldThreshold"] = "0";
    }

    [Fact]
    public async Task A_bad_moderation_setting_stops_start_up_naming_the_key()
    {
        await using var factory = new BadFactory();
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        var all = string.Join(" | ", Flatten(error).Select(e => e.Message));
        Assert.Contains("Selah:Moderation:HoldThreshold", all, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
