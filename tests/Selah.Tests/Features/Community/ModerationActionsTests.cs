using System.Net;
using Selah.Contracts.Admin;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>The moderators' edit, warn and suspend decisions: effect on the item, the author's notice, the audit trail, and who may decide.</summary>
public sealed class ModerationActionsTests(ModerationFactory factory) : IClassFixture<ModerationFactory>
{
    [Fact]
    public async Task An_edit_replaces_the_text_publishes_it_and_keeps_the_original_in_history_and_audit()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var held = await author.PostAsync("testimony", "God healed me, buy scamcoin at my shop");
        Assert.Equal("held", held.Status);
        var url = $"/api/v1/moderation/items/{held.Id}/decision";

        await (await other.Client.PostJsonAsync(url, new { decision = "edit", text = "Hijacked" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.Client.PostJsonAsync(url, new { decision = "edit" })).ShouldBeValidationProblemAsync("text");
        await (await moderator.Client.PostJsonAsync(url, new { decision = "edit", text = "   " })).ShouldBeValidationProblemAsync("text");
        await (await moderator.Client.PostJsonAsync(url, new { decision = "edit", text = new string('a', 10001) })).ShouldBeValidationProblemAsync("text");

        var decision = await (await moderator.Client.PostJsonAsync(url, new { decision = "edit", text = "God healed me **completely**.", reason = "No advertising" }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal("published", decision.Status);

        var seen = await (await other.Client.GetAsync($"/api/v1/posts/{held.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal("God healed me **completely**.", seen.Body);
        Assert.Contains("<strong>completely</strong>", seen.BodyHtml, StringComparison.Ordinal);
        Assert.NotNull(seen.EditedAt);
        var edits = await (await author.Client.GetAsync($"/api/v1/posts/{held.Id}/edits")).ReadJsonAsync<List<ContentEditResponse>>();
        Assert.Equal("God healed me, buy scamcoin at my shop", Assert.Single(edits).PreviousBody);

        var notice = Assert.Single(await author.NotificationsAsync(), n => n.Type == "moderation");
        Assert.Contains("edited", notice.Text, StringComparison.Ordinal);
        Assert.Contains("No advertising", notice.Detail, StringComparison.Ordinal);
        Assert.Empty(notice.Actors);

        using var admin = await factory.CreateAdminClientAsync();
        var entry = Assert.Single((await admin.GetPageAsync<AuditEntryResponse>("/api/v1/admin/audit?limit=100")).Items,
            a => a.TargetId == held.Id.ToString());
        Assert.Equal("community.moderation.edit", entry.Action);
        Assert.Equal(moderator.Id, entry.ActorId);
        Assert.Contains("buy scamcoin at my shop", entry.Before, StringComparison.Ordinal);
        Assert.Contains("completely", entry.After, StringComparison.Ordinal);
        Assert.Contains("No advertising", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_keeps_a_reported_comment_closes_the_reports_and_tells_the_author()
    {
        using var author = await factory.NewMemberAsync();
        using var commenter = await factory.NewMemberAsync();
        using var reporter = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var post = await author.PostAsync("question", "How do you keep a prayer journal?");
        var comment = await commenter.CommentAsync(post.Id, "Only fools keep journals");
        Assert.Equal("published", comment.Status);
        await (await reporter.Client.PostJsonAsync($"/api/v1/posts/{post.Id}/comments/{comment.Id}/report", new { reason = "Rude" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        Assert.Contains((await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100")).Items, i => i.Id == comment.Id);
        var url = $"/api/v1/moderation/items/{comment.Id}/decision";

        await (await reporter.Client.PostJsonAsync(url, new { decision = "warn", reason = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.Client.PostJsonAsync(url, new { decision = "warn" })).ShouldBeValidationProblemAsync("reason");
        var decision = await (await moderator.Client.PostJsonAsync(url, new { decision = "warn", reason = "Please be kind" }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal("published", decision.Status);
        Assert.Equal(1, decision.ReportsResolved);

        Assert.DoesNotContain((await moderator.Client.GetPageAsync<ModerationQueueItem>("/api/v1/moderation/queue?limit=100")).Items, i => i.Id == comment.Id);
        Assert.Contains((await author.Client.GetPageAsync<CommentResponse>($"/api/v1/posts/{post.Id}/comments")).Items, c => c.Id == comment.Id);
        var notice = Assert.Single(await commenter.NotificationsAsync(), n => n.Type == "moderation");
        Assert.Contains("warned", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Please be kind", notice.Detail, StringComparison.Ordinal);

        using var admin = await factory.CreateAdminClientAsync();
        var entry = Assert.Single((await admin.GetPageAsync<AuditEntryResponse>("/api/v1/admin/audit?limit=100")).Items,
            a => a.TargetId == comment.Id.ToString());
        Assert.Equal("community.moderation.warn", entry.Action);
        Assert.Equal("comment", entry.TargetType);
    }

    [Fact]
    public async Task A_suspension_removes_the_item_and_locks_the_author_out_but_never_a_moderator()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        using var otherModerator = await factory.NewModeratorAsync();
        var held = await author.PostAsync("general", "scamcoin scamcoin scamcoin");
        var url = $"/api/v1/moderation/items/{held.Id}/decision";

        await (await other.Client.PostJsonAsync(url, new { decision = "suspend", reason = "Spam", days = 3 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await moderator.Client.PostJsonAsync(url, new { decision = "suspend", reason = "Spam" })).ShouldBeValidationProblemAsync("days");
        await (await moderator.Client.PostJsonAsync(url, new { decision = "suspend", reason = "Spam", days = 0 })).ShouldBeValidationProblemAsync("days");
        await (await moderator.Client.PostJsonAsync(url, new { decision = "suspend", days = 3 })).ShouldBeValidationProblemAsync("reason");
        Assert.Equal(HttpStatusCode.OK, (await author.Client.GetAsync("/api/v1/me")).StatusCode); // a refused decision changed nothing

        var decision = await (await moderator.Client.PostJsonAsync(url, new { decision = "suspend", reason = "Spam", days = 3 }))
            .ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal("rejected", decision.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await author.Client.GetAsync("/api/v1/me")).StatusCode);
        await (await other.Client.GetAsync($"/api/v1/posts/{held.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        using var admin = await factory.CreateAdminClientAsync();
        var user = await (await admin.GetAsync($"/api/v1/admin/users/{author.Id}")).ReadJsonAsync<AdminUserResponse>();
        Assert.Equal(AccountStatus.Suspended, user.Status);
        var expected = factory.Clock.UtcNow.AddDays(3);
        Assert.InRange(user.SuspendedUntil!.Value, expected.AddMinutes(-1), expected.AddMinutes(1));
        var audit = (await admin.GetPageAsync<AuditEntryResponse>("/api/v1/admin/audit?limit=100")).Items;
        Assert.Contains(audit, a => a.Action == "community.moderation.suspend" && a.TargetId == held.Id.ToString() && a.ActorId == moderator.Id);
        Assert.Contains(audit, a => a.Action == "user.suspend" && a.TargetId == author.Id.ToString() && a.ActorId == moderator.Id);

        // A moderator's reported post can be decided on, but its author cannot be suspended from the queue.
        var moderatorsPost = await otherModerator.PostAsync("general", "Welcome, everyone");
        await (await other.Client.PostJsonAsync($"/api/v1/posts/{moderatorsPost.Id}/report", new { reason = "I dislike it" }))
            .ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{moderatorsPost.Id}/decision", new { decision = "suspend", reason = "x", days = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:cannot-suspend-moderator");
        Assert.Equal(HttpStatusCode.OK, (await otherModerator.Client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal("published", (await (await other.Client.GetAsync($"/api/v1/posts/{moderatorsPost.Id}")).ReadJsonAsync<PostResponse>()).Status);
    }

    [Fact]
    public async Task A_held_chat_message_can_be_edited_into_the_group()
    {
        using var owner = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var group = await owner.CreateGroupAsync(isPrivate: false);
        var sent = await (await owner.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/messages", new { text = "join my scamcoin club" }))
            .ReadJsonAsync<GroupMessageResponse>(HttpStatusCode.Created);
        Assert.Equal("held", sent.Status);

        var decision = await (await moderator.Client.PostJsonAsync($"/api/v1/moderation/items/{sent.Id}/decision",
            new { decision = "edit", text = "join my Bible club", reason = "Removed the advert" })).ReadJsonAsync<ModerationDecisionResponse>();
        Assert.Equal("message", decision.Kind);
        Assert.Equal("published", decision.Status);
        var messages = await owner.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages");
        var message = Assert.Single(messages.Items, m => m.Id == sent.Id);
        Assert.Equal("join my Bible club", message.Text);
        Assert.Equal("published", message.Status);
    }
}
