using System.Net;
using Selah.Contracts.Bible;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Bible;

/// <summary><c>/api/v1/me/bible</c>: highlights, bookmarks and private notes, visible only to their owner.</summary>
[Collection(BibleCollection.Name)]
public sealed class BibleAnnotationsApiTests(BibleFactory factory)
{
    [Fact]
    public async Task Highlights_are_set_recoloured_listed_per_chapter_and_removed()
    {
        var reader = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(reader.AccessToken);

        var first = await (await client.PutJsonAsync("/api/v1/me/bible/highlights/John.3.16", new { color = "yellow" })).ReadJsonAsync<HighlightResponse>();
        var recoloured = await (await client.PutJsonAsync("/api/v1/me/bible/highlights/John.3.16", new { color = "green" })).ReadJsonAsync<HighlightResponse>();
        await (await client.PutJsonAsync("/api/v1/me/bible/highlights/john.3.17", new { color = "blue" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.PutJsonAsync("/api/v1/me/bible/highlights/Ps.23.1", new { color = "pink" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var chapter = await (await client.GetAsync("/api/v1/me/bible/annotations/John.3")).ReadJsonAsync<ChapterAnnotationsResponse>();

        Assert.Equal("John.3.16", first.Osis);
        Assert.Equal("green", recoloured.Color);
        Assert.Equal([("John.3.16", "green"), ("John.3.17", "blue")], chapter.Highlights.Select(h => (h.Osis, h.Color)));
        Assert.Equal(3, (await (await client.GetAsync("/api/v1/me/bible/highlights")).ReadJsonAsync<List<HighlightResponse>>()).Count);

        await (await client.DeleteAsync("/api/v1/me/bible/highlights/John.3.16")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await client.DeleteAsync("/api/v1/me/bible/highlights/John.3.16")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        chapter = await (await client.GetAsync("/api/v1/me/bible/annotations/John.3")).ReadJsonAsync<ChapterAnnotationsResponse>();
        Assert.Equal(["John.3.17"], chapter.Highlights.Select(h => h.Osis));
    }

    [Fact]
    public async Task Notes_and_bookmarks_belong_to_their_owner_only()
    {
        var owner = await factory.SignInNewUserAsync();
        var other = await factory.SignInNewUserAsync();
        using var mine = factory.CreateClient(owner.AccessToken);
        using var theirs = factory.CreateClient(other.AccessToken);

        var note = await (await mine.PostJsonAsync("/api/v1/me/bible/notes", new { verse = "Rom.8.28", text = "  All things, not some things.  " }))
            .ReadJsonAsync<NoteResponse>(HttpStatusCode.Created);
        var bookmark = await (await mine.PutJsonAsync("/api/v1/me/bible/bookmarks/Rom.8.28", new { translation = "WEB" })).ReadJsonAsync<BookmarkResponse>();

        Assert.Equal("All things, not some things.", note.Text);
        Assert.Equal("Romans 8:28", note.Reference);
        Assert.Equal("web", bookmark.Translation);
        await (await theirs.GetAsync($"/api/v1/me/bible/notes/{note.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await theirs.PutJsonAsync($"/api/v1/me/bible/notes/{note.Id}", new { text = "mine now" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await theirs.DeleteAsync($"/api/v1/me/bible/notes/{note.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await theirs.DeleteAsync("/api/v1/me/bible/bookmarks/Rom.8.28")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await (await theirs.GetAsync("/api/v1/me/bible/notes")).ReadJsonAsync<List<NoteResponse>>());
        Assert.Empty(await (await theirs.GetAsync("/api/v1/me/bible/bookmarks")).ReadJsonAsync<List<BookmarkResponse>>());
        var theirChapter = await (await theirs.GetAsync("/api/v1/me/bible/annotations/Rom.8")).ReadJsonAsync<ChapterAnnotationsResponse>();
        Assert.Empty(theirChapter.Notes);
        Assert.Empty(theirChapter.Bookmarks);

        var updated = await (await mine.PutJsonAsync($"/api/v1/me/bible/notes/{note.Id}", new { text = "Edited" })).ReadJsonAsync<NoteResponse>();
        Assert.Equal("Edited", updated.Text);
        Assert.Equal("Edited", (await (await mine.GetAsync($"/api/v1/me/bible/notes/{note.Id}")).ReadJsonAsync<NoteResponse>()).Text);
        var myChapter = await (await mine.GetAsync("/api/v1/me/bible/annotations/Rom.8")).ReadJsonAsync<ChapterAnnotationsResponse>();
        Assert.Equal([note.Id], myChapter.Notes.Select(n => n.Id));
        Assert.Equal(["Rom.8.28"], myChapter.Bookmarks.Select(b => b.Osis));

        await (await mine.DeleteAsync($"/api/v1/me/bible/notes/{note.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await mine.GetAsync($"/api/v1/me/bible/notes/{note.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_anonymous_callers_get_401()
    {
        var reader = await factory.SignInNewUserAsync();
        using var client = factory.CreateClient(reader.AccessToken);
        using var anonymous = factory.CreateClient();

        async Task ExpectField(HttpResponseMessage response, string field)
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        await ExpectField(await client.PutJsonAsync("/api/v1/me/bible/highlights/John.3.16", new { color = "chartreuse" }), "color");
        await ExpectField(await client.PutJsonAsync("/api/v1/me/bible/highlights/John.3", new { color = "yellow" }), "verse");
        await ExpectField(await client.PutJsonAsync("/api/v1/me/bible/highlights/John.3.99", new { color = "yellow" }), "verse");
        await ExpectField(await client.PostJsonAsync("/api/v1/me/bible/notes", new { verse = "Nope.1.1", text = "x" }), "verse");
        await ExpectField(await client.PostJsonAsync("/api/v1/me/bible/notes", new { verse = "John.3.16", text = "" }), "text");
        await ExpectField(await client.PostJsonAsync("/api/v1/me/bible/notes", new { verse = "John.3.16", text = new string('a', 4001) }), "text");
        await ExpectField(await client.PutJsonAsync("/api/v1/me/bible/bookmarks/John.3.16", new { translation = "niv" }), "translation");
        await ExpectField(await client.GetAsync("/api/v1/me/bible/annotations/John.3.16"), "chapter");

        await (await anonymous.GetAsync("/api/v1/me/bible/highlights")).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostJsonAsync("/api/v1/me/bible/notes", new { verse = "John.3.16", text = "x" })).ShouldHaveStatusAsync(HttpStatusCode.Unauthorized);
    }
}
