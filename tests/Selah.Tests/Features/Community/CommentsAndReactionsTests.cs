using System.Net;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

public sealed class CommentsAndReactionsTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Comments_are_two_levels_and_a_reply_to_a_reply_joins_the_top_comment()
    {
        using var author = await factory.NewMemberAsync();
        using var anna = await factory.NewMemberAsync();
        using var ben = await factory.NewMemberAsync();
        var post = await author.PostAsync("testimony", "He healed me");

        var top = await anna.CommentAsync(post.Id, "Praise God!");
        var reply = await ben.CommentAsync(post.Id, "Amen to that", top.Id);
        var replyToReply = await author.CommentAsync(post.Id, "Thank you both", reply.Id);
        Assert.Equal(top.Id, reply.ParentId);
        Assert.Equal(top.Id, replyToReply.ParentId);

        var page = await ben.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{post.Id}/comments");
        var thread = Assert.Single(page.Items);
        Assert.Equal(top.Id, thread.Id);
        Assert.Equal([reply.Id, replyToReply.Id], thread.Replies.Select(r => r.Id));
        Assert.True(thread.Replies[1].ByPostAuthor);
        var counted = await (await ben.Client.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal(3, counted.CommentCount);

        var other = await author.PostAsync("general", "Another post");
        var wrongParent = await ben.Client.PostJsonAsync($"/api/v1/posts/{other.Id}/comments", new { body = "x", parentId = top.Id });
        await wrongParent.ShouldBeValidationProblemAsync("parentId");
        await (await ben.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/comments", new { body = "" })).ShouldBeValidationProblemAsync("body");

        // Author of the post is told of the comment, the top comment's author of the reply.
        Assert.Contains(await author.NotificationsAsync(), n => n.Type == "comment" && n.SubjectId == post.Id);
        Assert.Contains(await anna.NotificationsAsync(), n => n.Type == "reply" && n.Actors.Any(a => a.Id == ben.Id));
    }

    [Fact]
    public async Task Comments_are_edited_with_history_and_deleted_softly_by_their_author_or_a_moderator()
    {
        using var author = await factory.NewMemberAsync();
        using var commenter = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var post = await author.PostAsync("question", "Favourite hymn?");
        var comment = await commenter.CommentAsync(post.Id, "Amazing Grace");
        var reply = await author.CommentAsync(post.Id, "Mine too", comment.Id);

        await (await author.Client.PatchJsonAsync($"/api/v1/posts/{post.Id}/comments/{comment.Id}", new { body = "changed" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:not-your-comment");
        var edited = await (await commenter.Client.PatchJsonAsync($"/api/v1/posts/{post.Id}/comments/{comment.Id}", new { body = "How Great Thou Art" }))
            .ReadJsonAsync<CommentResponse>();
        Assert.NotNull(edited.EditedAt);
        var history = await (await author.Client.GetAsync($"/api/v1/posts/{post.Id}/comments/{comment.Id}/edits")).ReadJsonAsync<List<ContentEditResponse>>();
        Assert.Equal("Amazing Grace", Assert.Single(history).PreviousBody);

        await (await author.Client.DeleteAsync($"/api/v1/posts/{post.Id}/comments/{comment.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await commenter.Client.DeleteAsync($"/api/v1/posts/{post.Id}/comments/{comment.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var page = await author.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{post.Id}/comments");
        var placeholder = Assert.Single(page.Items);
        Assert.True(placeholder.Deleted);
        Assert.Equal("", placeholder.Body);
        Assert.Null(placeholder.Author);
        Assert.Equal(reply.Id, Assert.Single(placeholder.Replies).Id);

        await (await moderator.Client.DeleteAsync($"/api/v1/posts/{post.Id}/comments/{reply.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        Assert.Empty((await author.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{post.Id}/comments")).Items);
        Assert.Equal(0, (await (await author.Client.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>()).CommentCount);
    }

    [Fact]
    public async Task Reactions_are_one_per_kind_per_person_with_counts_and_mine()
    {
        using var author = await factory.NewMemberAsync();
        using var anna = await factory.NewMemberAsync();
        using var ben = await factory.NewMemberAsync();
        var post = await author.PostAsync("praiseReport", "Baby born healthy");

        await (await anna.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/reactions", new { kind = "amen" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await anna.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/reactions", new { kind = "amen" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await anna.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/reactions", new { kind = "love" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var afterBen = await (await ben.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/reactions", new { kind = "amen" })).ReadJsonAsync<ReactionsResponse>();
        Assert.Equal(new ReactionCounts(2, 0, 1, 0), afterBen.Counts);
        Assert.Equal(["amen"], afterBen.Mine);

        var annaView = await (await anna.Client.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal(["amen", "love"], annaView.MyReactions);
        var removed = await (await anna.Client.DeleteAsync($"/api/v1/posts/{post.Id}/reactions/love")).ReadJsonAsync<ReactionsResponse>();
        Assert.Equal(new ReactionCounts(2, 0, 0, 0), removed.Counts);

        await (await anna.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/reactions", new { kind = "wow" })).ShouldBeValidationProblemAsync("kind");
        await (await anna.Client.DeleteAsync($"/api/v1/posts/{post.Id}/reactions/wow")).ShouldBeValidationProblemAsync("kind");

        var grouped = Assert.Single(await author.NotificationsAsync(), n => n.Type == "reaction");
        Assert.Equal(2, grouped.ActorCount); // Anna twice (two kinds) is still one person
        Assert.StartsWith($"{ben.DisplayName} and {anna.DisplayName} reacted", grouped.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_reach_the_moderation_queue_once_per_reporter()
    {
        using var author = await factory.NewMemberAsync();
        using var reporter = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var post = await author.PostAsync("general", "Buy my stuff");
        var comment = await author.CommentAsync(post.Id, "Really, buy it");

        await (await reporter.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/report", new { reason = "spam" })).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        await (await reporter.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/report", new { reason = "spam again" })).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        await (await reporter.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/comments/{comment.Id}/report", new { reason = "spam" })).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        await (await reporter.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/report", new { reason = "" })).ShouldBeValidationProblemAsync("reason");

        var queue = await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100");
        var item = Assert.Single(queue.Items, i => i.Id == post.Id);
        Assert.Equal("post", item.Kind);
        Assert.Equal("spam", Assert.Single(item.Reports).Reason);
        Assert.Contains(queue.Items, i => i.Id == comment.Id && i.Kind == "comment");

        var decision = await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{post.Id}/decision", new { decision = "approve", reason = "Not spam" }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal(1, decision.ReportsResolved);
        var after = await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100");
        Assert.DoesNotContain(after.Items, i => i.Id == post.Id);
    }
}
