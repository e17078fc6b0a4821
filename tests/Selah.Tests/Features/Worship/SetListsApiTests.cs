using System.Net;
using Selah.Contracts.Catalog;
using Selah.Contracts.Worship;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Worship;

/// <summary>Set lists: the owner edits, the team reads, everyone else gets 404; validation of items and team; reorder; lists.</summary>
public sealed class SetListsApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Owner_edits_team_views_and_others_get_404()
    {
        var (owner, song, arrangement) = await ArrangeSongAsync();
        var member = await factory.SignInNewUserAsync("Keys Player");
        var stranger = await factory.SignInNewUserAsync();
        using var memberClient = factory.CreateClient(member.AccessToken);
        using var strangerClient = factory.CreateClient(stranger.AccessToken);
        var startsAt = DateTimeOffset.UtcNow.AddDays(3);

        var created = await (await owner.PostJsonAsync("/api/v1/setlists", new
        {
            title = "Sunday morning",
            startsAt,
            notes = "Communion Sunday",
            items = new object[]
            {
                new { title = "Welcome" },
                new { songId = song.Id, arrangementId = arrangement.Id, key = "A", notes = "Slow intro" },
                new { songId = song.Id },
                new { title = "Sermon", notes = "Rom 8" },
            },
            team = new[] { new { userId = member.UserId, role = "Keys" } },
        })).ReadJsonAsync<SetListResponse>(HttpStatusCode.Created);

        Assert.True(created.CanEdit);
        Assert.Equal(["item", "song", "song", "item"], created.Items.Select(i => i.Kind));
        Assert.Equal(["Welcome", song.Title, song.Title, "Sermon"], created.Items.Select(i => i.Title));
        Assert.Equal([null, "A", null, null], created.Items.Select(i => i.Key));
        Assert.Equal("Standard", created.Items[1].ArrangementName);
        Assert.Equal(("Keys Player", "Keys"), (created.Team[0].DisplayName, created.Team[0].Role));

        var seen = await (await memberClient.GetAsync($"/api/v1/setlists/{created.Id}")).ReadJsonAsync<SetListResponse>();
        Assert.False(seen.CanEdit);
        Assert.Equal(created.Items.Select(i => i.Id), seen.Items.Select(i => i.Id));

        var edit = new { title = "Taken over", startsAt };
        await (await memberClient.PutJsonAsync($"/api/v1/setlists/{created.Id}", edit)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await memberClient.DeleteAsync($"/api/v1/setlists/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await strangerClient.GetAsync($"/api/v1/setlists/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await strangerClient.PutJsonAsync($"/api/v1/setlists/{created.Id}", edit)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await strangerClient.DeleteAsync($"/api/v1/setlists/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await strangerClient.PostJsonAsync($"/api/v1/setlists/{created.Id}/reorder", new { itemIds = created.Items.Select(i => i.Id) })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await factory.CreateClient().GetAsync($"/api/v1/setlists/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // The owner edits: the member stays on with a new role; items are replaced.
        var edited = await (await owner.PutJsonAsync($"/api/v1/setlists/{created.Id}", new
        {
            title = "Sunday morning",
            startsAt,
            items = new object[] { new { songId = song.Id, arrangementId = arrangement.Id, key = "Bb" }, new { title = "Offering" } },
            team = new[] { new { userId = member.UserId, role = "Piano" } },
        })).ReadJsonAsync<SetListResponse>();
        Assert.Equal([song.Title, "Offering"], edited.Items.Select(i => i.Title));
        Assert.Equal("Bb", edited.Items[0].Key);
        Assert.Equal("Piano", Assert.Single(edited.Team).Role);
        Assert.Equal("Piano", Assert.Single((await (await memberClient.GetAsync($"/api/v1/setlists/{created.Id}")).ReadJsonAsync<SetListResponse>()).Team).Role);

        // The owner replaces the plan: the member leaves the team and loses access.
        var replaced = await (await owner.PutJsonAsync($"/api/v1/setlists/{created.Id}", new { title = "Sunday evening", startsAt, items = new[] { new { title = "Prayer" } } }))
            .ReadJsonAsync<SetListResponse>();
        Assert.Equal("Sunday evening", replaced.Title);
        Assert.Equal("Prayer", Assert.Single(replaced.Items).Title);
        Assert.Empty(replaced.Team);
        await (await memberClient.GetAsync($"/api/v1/setlists/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        await (await owner.DeleteAsync($"/api/v1/setlists/{created.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await owner.GetAsync($"/api/v1/setlists/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Items_can_be_reordered_by_the_owner()
    {
        var (owner, song, _) = await ArrangeSongAsync();
        var set = await (await owner.PostJsonAsync("/api/v1/setlists", new
        {
            title = "Order",
            startsAt = DateTimeOffset.UtcNow.AddDays(1),
            items = new object[] { new { title = "One" }, new { title = "Two" }, new { songId = song.Id } },
        })).ReadJsonAsync<SetListResponse>(HttpStatusCode.Created);
        var ids = set.Items.Select(i => i.Id).ToList();

        var reordered = await (await owner.PostJsonAsync($"/api/v1/setlists/{set.Id}/reorder", new { itemIds = new[] { ids[2], ids[0], ids[1] } })).ReadJsonAsync<SetListResponse>();
        var again = await (await owner.GetAsync($"/api/v1/setlists/{set.Id}")).ReadJsonAsync<SetListResponse>();

        Assert.Equal([song.Title, "One", "Two"], reordered.Items.Select(i => i.Title));
        Assert.Equal([0, 1, 2], again.Items.Select(i => i.Position));
        Assert.Equal([ids[2], ids[0], ids[1]], again.Items.Select(i => i.Id));
        await (await owner.PostJsonAsync($"/api/v1/setlists/{set.Id}/reorder", new { itemIds = new[] { ids[0], ids[1] } })).ShouldBeValidationProblemAsync("itemIds");
        await (await owner.PostJsonAsync($"/api/v1/setlists/{set.Id}/reorder", new { itemIds = new[] { ids[0], ids[0], ids[1] } })).ShouldBeValidationProblemAsync("itemIds");
        await (await owner.PostJsonAsync($"/api/v1/setlists/{set.Id}/reorder", new { itemIds = new[] { ids[0], ids[1], Guid.NewGuid() } })).ShouldBeValidationProblemAsync("itemIds");
    }

    [Fact]
    public async Task Bad_items_and_team_are_400_naming_the_field()
    {
        var (owner, song, arrangement) = await ArrangeSongAsync();
        var (_, otherSong, otherArrangement) = await ArrangeSongAsync();
        var startsAt = DateTimeOffset.UtcNow.AddDays(2);

        async Task Expect(object body, string field) =>
            await (await owner.PostJsonAsync("/api/v1/setlists", body)).ShouldBeValidationProblemAsync(field);

        await Expect(new { title = "", startsAt }, "title");
        await Expect(new { title = "No date" }, "startsAt");
        await Expect(new { title = "x", startsAt, items = new[] { new { songId = Guid.NewGuid() } } }, "items[0].songId");
        await Expect(new { title = "x", startsAt, items = new[] { new { songId = song.Id, arrangementId = otherArrangement.Id } } }, "items[0].arrangementId");
        await Expect(new { title = "x", startsAt, items = new object[] { new { title = "ok" }, new { notes = "no title" } } }, "items[1].title");
        await Expect(new { title = "x", startsAt, items = new[] { new { songId = song.Id, key = "Z" } } }, "items[0].key");
        await Expect(new { title = "x", startsAt, team = new[] { new { userId = Guid.NewGuid(), role = "Bass" } } }, "team");
        await Expect(new { title = "x", startsAt, team = new[] { new { userId = otherSong.CreatedById, role = "" } } }, "team");
        await Expect(new { title = "x", startsAt, items = new[] { new { songId = "nope" } } }, "items[0].songId");
        Assert.NotEqual(arrangement.Id, otherArrangement.Id);
    }

    [Fact]
    public async Task Lists_show_own_and_team_set_lists_upcoming_or_past()
    {
        var owner = await factory.SignInNewUserAsync();
        var member = await factory.SignInNewUserAsync();
        using var ownerClient = factory.CreateClient(owner.AccessToken);
        using var memberClient = factory.CreateClient(member.AccessToken);
        using var strangerClient = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var now = DateTimeOffset.UtcNow;
        var ids = new List<Guid>();
        foreach (var days in new[] { 7, 1, 14, -7, -30 })
        {
            var set = await (await ownerClient.PostJsonAsync("/api/v1/setlists", new
            {
                title = $"In {days} days",
                startsAt = now.AddDays(days),
                team = days == 14 ? new[] { new { userId = member.UserId, role = "Vocals" } } : null,
            })).ReadJsonAsync<SetListResponse>(HttpStatusCode.Created);
            ids.Add(set.Id);
        }

        var upcoming = await ownerClient.ReadAllPagesAsync<SetListSummary>("/api/v1/setlists", 2);
        var past = await ownerClient.ReadAllPagesAsync<SetListSummary>("/api/v1/setlists?when=past", 1);
        var memberSees = await (await memberClient.GetAsync("/api/v1/setlists")).ReadJsonAsync<CatalogPage<SetListSummary>>();
        var strangerSees = await (await strangerClient.GetAsync("/api/v1/setlists")).ReadJsonAsync<CatalogPage<SetListSummary>>();

        Assert.Equal(["In 1 days", "In 7 days", "In 14 days"], upcoming.Select(s => s.Title));
        Assert.Equal(["In -7 days", "In -30 days"], past.Select(s => s.Title));
        Assert.Equal("In 14 days", Assert.Single(memberSees.Items).Title);
        Assert.Empty(strangerSees.Items);
        await (await ownerClient.GetAsync("/api/v1/setlists?when=soon")).ShouldBeValidationProblemAsync("when");
        await (await ownerClient.GetAsync("/api/v1/setlists?cursor=abc")).ShouldBeValidationProblemAsync("cursor");
    }

    private async Task<(HttpClient Owner, SongResponse Song, ArrangementResponse Arrangement)> ArrangeSongAsync()
    {
        var leader = factory.CreateClient((await factory.SignInNewArtistAsync()).AccessToken);
        var song = await leader.CreateSongAsync("Set song " + CatalogSteps.NewMarker());
        var arrangement = await leader.AddArrangementAsync(song.Id);
        return (leader, song, arrangement);
    }

    [Fact]
    public async Task People_to_put_on_a_team_are_found_by_name_for_signed_in_members()
    {
        var marker = CatalogSteps.NewMarker();
        var planner = await factory.SignInNewUserAsync("Planner " + marker);
        var singer = await factory.SignInNewUserAsync("Singer " + marker);
        using var client = factory.CreateClient(planner.AccessToken);

        var found = await (await client.GetAsync($"/api/v1/setlists/people?q={marker.ToLowerInvariant()}")).ReadJsonAsync<List<TeamCandidate>>();
        Assert.Equal([singer.UserId], found.Select(p => p.UserId)); // not the caller
        Assert.Equal("Singer " + marker, found[0].DisplayName);

        await (await client.GetAsync("/api/v1/setlists/people?q=a")).ShouldBeValidationProblemAsync("q");
        await (await client.GetAsync("/api/v1/setlists/people")).ShouldBeValidationProblemAsync("q");
        using var anonymous = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/setlists/people?q={marker}")).StatusCode);
    }
}
