using System.Net;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

public sealed class PostsApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task A_post_keeps_its_markdown_and_returns_sanitised_html()
    {
        using var anna = await factory.NewModeratorAsync(); // a moderator, so the links do not trip the new-account rule
        var body = "God is **faithful**. <script>alert('x')</script> [link](javascript:alert(1)) [site](https://example.org)";
        var post = await anna.PostAsync(new { type = "testimony", body, anonymous = false, visibility = "public", scriptureReferences = new[] { "Ps.23", "John.3.16" } });

        Assert.Equal(body, post.Body);
        Assert.Contains("<strong>faithful</strong>", post.BodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", post.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", post.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("href=\"https://example.org\"", post.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(["Ps.23", "John.3.16"], post.ScriptureReferences);
        Assert.Equal(anna.Id, post.Author?.Id);
        Assert.True(post.IsMine);
        Assert.Equal("published", post.Status);

        using var anonymousClient = factory.CreateClient();
        var read = await (await anonymousClient.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal(post.BodyHtml, read.BodyHtml);
        Assert.False(read.IsMine);
    }

    [Theory]
    [InlineData("""{"type":"sermon","body":"x"}""", "type")]
    [InlineData("""{"type":"general","body":""}""", "body")]
    [InlineData("""{"type":"general","body":"   "}""", "body")]
    [InlineData("""{"type":"general","body":"x","visibility":"friends"}""", "visibility")]
    [InlineData("""{"type":"general","body":"x","visibility":"group"}""", "groupId")]
    [InlineData("""{"type":"general","body":"x","scriptureReferences":["Psalm 23"]}""", "scriptureReferences")]
    [InlineData("""{"type":"general","body":"x","trackId":"0195a000-0000-7000-8000-000000000000"}""", "trackId")]
    [InlineData("""{"type":"general","body":"x","expiresInDays":3}""", "expiresInDays")]
    [InlineData("""{"type":"prayerRequest","body":"x","expiresInDays":0}""", "expiresInDays")]
    [InlineData("""{"type":"prayerRequest","body":"x","expiresAt":"2001-01-01T00:00:00Z"}""", "expiresAt")]
    [InlineData("""{"type":"general","body":"a\u0000b"}""", "body")]
    [InlineData("""{"type":"general","body":"x","anonymous":"yes"}""", "anonymous")]
    public async Task Bad_input_is_a_400_naming_the_field(string json, string field)
    {
        using var member = await factory.NewMemberAsync();
        var response = await member.Client.PostRawJsonAsync("/api/v1/posts", json);
        await response.ShouldBeValidationProblemAsync(field);
    }

    [Fact]
    public async Task Announcements_are_for_moderators_only()
    {
        using var member = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();

        var refused = await member.Client.PostJsonAsync("/api/v1/posts", new { type = "announcement", body = "Church picnic on Sunday" });
        await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:announcement-not-allowed");
        var announcement = await moderator.PostAsync("announcement", "Church picnic on Sunday");
        Assert.Equal("announcement", announcement.Type);
    }

    [Fact]
    public async Task Only_the_author_edits_and_every_edit_is_kept()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var post = await author.PostAsync("question", "Which psalm comforts you?");

        var byOther = await other.Client.PatchJsonAsync($"/api/v1/posts/{post.Id}", new { body = "hijacked" });
        await byOther.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "urn:selah:problem:not-your-post");
        var byModerator = await moderator.Client.PatchJsonAsync($"/api/v1/posts/{post.Id}", new { body = "hijacked" });
        await byModerator.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var edited = await (await author.Client.PatchJsonAsync($"/api/v1/posts/{post.Id}", new { body = "Which *psalm* comforts you most?" })).ReadJsonAsync<PostResponse>();
        await (await author.Client.PatchJsonAsync($"/api/v1/posts/{post.Id}", new { body = "Which psalm comforts you most of all?" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.NotNull(edited.EditedAt);
        Assert.Contains("<em>psalm</em>", edited.BodyHtml, StringComparison.Ordinal);

        var history = await (await other.Client.GetAsync($"/api/v1/posts/{post.Id}/edits")).ReadJsonAsync<List<ContentEditResponse>>();
        Assert.Equal(["Which *psalm* comforts you most?", "Which psalm comforts you?"], history.Select(h => h.PreviousBody));
        var current = await (await other.Client.GetAsync($"/api/v1/posts/{post.Id}")).ReadJsonAsync<PostResponse>();
        Assert.Equal("Which psalm comforts you most of all?", current.Body);
    }

    [Fact]
    public async Task Delete_is_soft_and_only_for_the_author_or_a_moderator()
    {
        using var author = await factory.NewMemberAsync();
        using var other = await factory.NewMemberAsync();
        using var moderator = await factory.NewModeratorAsync();
        var mine = await author.PostAsync("general", "Good morning, church");
        var second = await author.PostAsync("general", "Good evening, church");

        await (await other.Client.DeleteAsync($"/api/v1/posts/{mine.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await author.Client.DeleteAsync($"/api/v1/posts/{mine.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await other.Client.GetAsync($"/api/v1/posts/{mine.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await author.Client.GetAsync($"/api/v1/posts/{mine.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        await (await moderator.Client.DeleteAsync($"/api/v1/posts/{second.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        var list = await other.Client.GetPageAsync<PostResponse>($"/api/v1/posts?author={author.Id}");
        Assert.Empty(list.Items);

        using var admin = await factory.CreateAdminClientAsync();
        var audit = await admin.GetRawAsync("/api/v1/admin/audit?limit=100");
        Assert.Contains("community.post.delete", audit, StringComparison.Ordinal);
        Assert.Contains(second.Id.ToString(), audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_filter_by_type_author_and_page_with_a_cursor()
    {
        using var author = await factory.NewMemberAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await author.PostAsync(i % 2 == 0 ? "testimony" : "praiseReport", $"Praise number {i}")).Id);
        }

        using var reader = await factory.NewMemberAsync();
        var seen = new List<PostResponse>();
        string? cursor = null;
        do
        {
            var page = await reader.Client.GetPageAsync<PostResponse>($"/api/v1/posts?author={author.Id}&limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(created.OrderDescending(), seen.Select(p => p.Id));
        var testimonies = await reader.Client.GetPageAsync<PostResponse>($"/api/v1/posts?author={author.Id}&type=testimony");
        Assert.Equal(3, testimonies.Items.Count);
        Assert.All(testimonies.Items, p => Assert.Equal("testimony", p.Type));

        await (await reader.Client.GetAsync("/api/v1/posts?type=sermon")).ShouldBeValidationProblemAsync("type");
        await (await reader.Client.GetAsync("/api/v1/posts?limit=0")).ShouldBeValidationProblemAsync("limit");
        await (await reader.Client.GetAsync("/api/v1/posts?cursor=notacursor")).ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Members_only_posts_are_hidden_from_visitors()
    {
        using var author = await factory.NewMemberAsync();
        var post = await author.PostAsync("general", "For the congregation", visibility: "members");
        using var visitor = factory.CreateClient();
        await (await visitor.GetAsync($"/api/v1/posts/{post.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var visible = await visitor.GetPageAsync<PostResponse>($"/api/v1/posts?author={author.Id}");
        Assert.Empty(visible.Items);
        using var member = await factory.NewMemberAsync();
        await (await member.Client.GetAsync($"/api/v1/posts/{post.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await visitor.PostJsonAsync("/api/v1/posts", new { type = "general", body = "hello" })).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }
}
