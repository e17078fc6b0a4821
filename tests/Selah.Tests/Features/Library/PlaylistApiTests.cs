using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Contracts.Community;
using Selah.Contracts.Library;
using Selah.Contracts.Search;
using Selah.Tests.Features.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Library;

/// <summary>Playlists through HTTP: ownership, entries and positions, collaborators, share links, concurrency, covers.</summary>
public sealed class PlaylistApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    private async Task<PlaylistResponse> CreateAsync(HttpClient client, string name = "Sunday set", bool isPublic = false) =>
        await (await client.PostJsonAsync("/api/v1/playlists", new { name, description = "For the morning service", isPublic }))
            .ReadJsonAsync<PlaylistResponse>(HttpStatusCode.Created);

    private static async Task<PlaylistResponse> AddAsync(HttpClient client, Guid playlistId, Guid trackId, int? position = null) =>
        await (await client.PostJsonAsync($"/api/v1/playlists/{playlistId}/tracks", new { trackId, position })).ReadJsonAsync<PlaylistResponse>();

    private async Task<List<Guid>> TracksAsync(int count, string prefix = "Hymn")
    {
        var artist = await factory.AddArtistAsync($"Choir {CatalogSteps.NewMarker()}");
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await factory.AddTrackAsync(artist.Id, $"{prefix} {i}", t => t.DurationSeconds = 100)).Id);
        }

        return ids;
    }

    private static void AssertPositionsConsistent(PlaylistResponse playlist)
    {
        Assert.Equal(Enumerable.Range(0, playlist.Entries.Count), playlist.Entries.Select(e => e.Position));
        Assert.Equal(playlist.Entries.Count, playlist.Entries.Select(e => e.EntryId).Distinct().Count());
    }

    [Fact]
    public async Task Owner_creates_and_edits_others_get_404_for_private_and_403_for_edits_on_public()
    {
        var owner = factory.CreateClient((await factory.SignInNewUserAsync("Owner")).AccessToken);
        var stranger = factory.CreateClient((await factory.SignInNewUserAsync("Stranger")).AccessToken);
        using var anonymous = factory.CreateClient();
        var track = (await TracksAsync(1))[0];

        var playlist = await CreateAsync(owner);
        Assert.Equal("Sunday set", playlist.Name);
        Assert.Equal(PlaylistRoles.Owner, playlist.Role);
        Assert.False(playlist.IsPublic);

        await (await stranger.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = track })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var renamed = await (await owner.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}", new { name = "Evening set", isPublic = true }))
            .ReadJsonAsync<PlaylistResponse>();
        Assert.Equal("Evening set", renamed.Name);
        Assert.Equal("For the morning service", renamed.Description);
        Assert.True(renamed.IsPublic);
        Assert.True(renamed.Version > playlist.Version);

        var seen = await (await anonymous.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal(PlaylistRoles.Viewer, seen.Role);
        Assert.Null(seen.ShareUrl);
        await (await stranger.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}", new { name = "Mine now" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = track })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.DeleteAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/share", new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/playlists", new { name = "x" })).StatusCode);

        var ownerId = playlist.Owner.Id;
        var publicOnes = await (await anonymous.GetAsync($"/api/v1/users/{ownerId}/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>();
        Assert.Equal([playlist.Id], publicOnes.Items.Select(p => p.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/playlists/{playlist.Id}")).StatusCode);
        await (await owner.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_a_validation_problem_naming_the_field()
    {
        var owner = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        await (await owner.PostJsonAsync("/api/v1/playlists", new { name = "" })).ShouldBeValidationProblemAsync("name");
        await (await owner.PostJsonAsync("/api/v1/playlists", new { name = "   " })).ShouldBeValidationProblemAsync("name");
        await (await owner.PostJsonAsync("/api/v1/playlists", new { name = new string('x', 101) })).ShouldBeValidationProblemAsync("name");
        await (await owner.PostJsonAsync("/api/v1/playlists", new { name = "ok", description = new string('x', 1001) })).ShouldBeValidationProblemAsync("description");
        var playlist = await CreateAsync(owner);
        await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { })).ShouldBeValidationProblemAsync("trackId");
        await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = Guid.NewGuid() })).ShouldBeValidationProblemAsync("trackId");
        var track = (await TracksAsync(1))[0];
        await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = track, position = -1 })).ShouldBeValidationProblemAsync("position");
        var added = await AddAsync(owner, playlist.Id, track);
        await (await owner.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks/{added.Entries[0].EntryId}", new { })).ShouldBeValidationProblemAsync("position");
        await (await owner.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks/{Guid.NewGuid()}", new { position = 0 })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await owner.DeleteAsync($"/api/v1/playlists/{playlist.Id}/tracks/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await owner.GetAsync("/api/v1/playlists?limit=0")).ShouldBeValidationProblemAsync("limit");
        await (await owner.GetAsync("/api/v1/playlists?cursor=nonsense")).ShouldBeValidationProblemAsync("cursor");
    }

    [Fact]
    public async Task Entries_add_insert_move_and_remove_by_entry_id_keeping_positions_dense()
    {
        var owner = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var tracks = await TracksAsync(4);
        var playlist = await CreateAsync(owner);

        await AddAsync(owner, playlist.Id, tracks[0]);
        await AddAsync(owner, playlist.Id, tracks[1]);
        await AddAsync(owner, playlist.Id, tracks[2], position: 0);
        var withRepeat = await AddAsync(owner, playlist.Id, tracks[0], position: 1); // the same track twice
        Assert.Equal([tracks[2], tracks[0], tracks[0], tracks[1]], withRepeat.Entries.Select(e => e.Track.Id));
        AssertPositionsConsistent(withRepeat);
        Assert.Equal(400, withRepeat.DurationSeconds);

        var moved = await (await owner.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks/{withRepeat.Entries[0].EntryId}", new { position = 3 }))
            .ReadJsonAsync<PlaylistResponse>();
        Assert.Equal([tracks[0], tracks[0], tracks[1], tracks[2]], moved.Entries.Select(e => e.Track.Id));
        AssertPositionsConsistent(moved);

        var secondRepeat = moved.Entries[1].EntryId;
        var removed = await (await owner.DeleteAsync($"/api/v1/playlists/{playlist.Id}/tracks/{secondRepeat}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal([moved.Entries[0].EntryId, moved.Entries[2].EntryId, moved.Entries[3].EntryId], removed.Entries.Select(e => e.EntryId));
        AssertPositionsConsistent(removed);

        var farAway = await AddAsync(owner, playlist.Id, tracks[3], position: 99);
        Assert.Equal(tracks[3], farAway.Entries[^1].Track.Id);

        // Twenty inserts at the front exhaust the gap between keys and force a renumbering; order must survive it.
        var expected = farAway.Entries.Select(e => e.Track.Id).ToList();
        for (var i = 0; i < 20; i++)
        {
            var front = await AddAsync(owner, playlist.Id, tracks[i % 4], position: 0);
            expected.Insert(0, tracks[i % 4]);
            Assert.Equal(expected, front.Entries.Select(e => e.Track.Id));
            AssertPositionsConsistent(front);
        }
    }

    [Fact]
    public async Task Hidden_tracks_are_not_shown_and_cannot_be_added_by_others()
    {
        var artistAccount = await factory.SignInNewArtistAsync();
        var artist = await factory.AddArtistAsync($"Studio {CatalogSteps.NewMarker()}", artistAccount.UserId);
        var published = await factory.AddTrackAsync(artist.Id, "Published hymn");
        var draft = await factory.AddTrackAsync(artist.Id, "Draft hymn", t => t.Published = false);
        var artistClient = factory.CreateClient(artistAccount.AccessToken);
        var playlist = await CreateAsync(artistClient, isPublic: true);
        await AddAsync(artistClient, playlist.Id, published.Id);
        var mine = await AddAsync(artistClient, playlist.Id, draft.Id);
        Assert.Equal(2, mine.Entries.Count);

        using var anonymous = factory.CreateClient();
        var seen = await (await anonymous.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal([published.Id], seen.Entries.Select(e => e.Track.Id));
        Assert.Equal([0], seen.Entries.Select(e => e.Position));

        var listener = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var own = await CreateAsync(listener);
        await (await listener.PostJsonAsync($"/api/v1/playlists/{own.Id}/tracks", new { trackId = draft.Id })).ShouldBeValidationProblemAsync("trackId");
        var summaries = await (await anonymous.GetAsync($"/api/v1/users/{artistAccount.UserId}/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>();
        Assert.Equal(1, summaries.Items.Single().TrackCount);
    }

    [Fact]
    public async Task Collaborators_edit_tracks_but_cannot_delete_or_manage_collaborators_and_can_leave()
    {
        var ownerAccount = await factory.SignInNewUserAsync("Owner");
        var friendAccount = await factory.SignInNewUserAsync("Friend");
        var thirdAccount = await factory.SignInNewUserAsync("Third");
        var owner = factory.CreateClient(ownerAccount.AccessToken);
        var friend = factory.CreateClient(friendAccount.AccessToken);
        var tracks = await TracksAsync(2);
        var playlist = await CreateAsync(owner);

        await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/collaborators", new { userId = Guid.NewGuid() })).ShouldBeValidationProblemAsync("userId");
        await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/collaborators", new { userId = ownerAccount.UserId })).ShouldBeValidationProblemAsync("userId");
        var shared = await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/collaborators", new { userId = friendAccount.UserId }))
            .ReadJsonAsync<PlaylistResponse>();
        Assert.True(shared.Collaborative);
        Assert.Equal([friendAccount.UserId], shared.Collaborators.Select(c => c.UserId));

        var asFriend = await AddAsync(friend, playlist.Id, tracks[0]);
        Assert.Equal(PlaylistRoles.Collaborator, asFriend.Role);
        Assert.Equal(friendAccount.UserId, asFriend.Entries[0].AddedById);
        await AddAsync(owner, playlist.Id, tracks[1]);
        var reordered = await (await friend.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks/{asFriend.Entries[0].EntryId}", new { position = 1 }))
            .ReadJsonAsync<PlaylistResponse>();
        Assert.Equal([tracks[1], tracks[0]], reordered.Entries.Select(e => e.Track.Id));

        await (await friend.DeleteAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await friend.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}", new { name = "Ours" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await friend.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/collaborators", new { userId = thirdAccount.UserId }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await friend.DeleteAsync($"/api/v1/playlists/{playlist.Id}/collaborators/{ownerAccount.UserId}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        var friendsList = await (await friend.GetAsync("/api/v1/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>();
        var summary = Assert.Single(friendsList.Items);
        Assert.Equal(PlaylistRoles.Collaborator, summary.Role);
        Assert.Equal(2, summary.TrackCount);

        Assert.Equal(HttpStatusCode.NoContent, (await friend.DeleteAsync($"/api/v1/playlists/{playlist.Id}/collaborators/{friendAccount.UserId}")).StatusCode);
        await (await friend.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await friend.GetAsync("/api/v1/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items);
    }

    [Fact]
    public async Task A_share_link_shows_a_private_playlist_to_anyone_until_revoked()
    {
        var owner = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var playlist = await CreateAsync(owner);
        await AddAsync(owner, playlist.Id, (await TracksAsync(1))[0]);
        var share = await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/share", new { })).ReadJsonAsync<PlaylistShareResponse>();
        Assert.True(share.Token.Length >= 32);
        var again = await (await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/share", new { })).ReadJsonAsync<PlaylistShareResponse>();
        Assert.Equal(share.Token, again.Token);
        Assert.Equal(share.Url, (await (await owner.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>()).ShareUrl);

        using var anonymous = factory.CreateClient();
        var viaLink = await (await anonymous.GetAsync($"/api/v1/playlists/shared/{share.Token}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal(playlist.Id, viaLink.Id);
        Assert.Single(viaLink.Entries);
        Assert.Null(viaLink.ShareUrl);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(viaLink.CoverUrl)).StatusCode);
        await (await anonymous.GetAsync($"/api/v1/playlists/{playlist.Id}?share=wrong-token-wrong-token")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/api/v1/playlists/{playlist.Id}/share")).StatusCode);
        await (await anonymous.GetAsync($"/api/v1/playlists/shared/{share.Token}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await anonymous.GetAsync($"/api/v1/playlists/{playlist.Id}?share={share.Token}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task If_match_with_a_stale_version_is_412_and_changes_nothing()
    {
        var owner = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var tracks = await TracksAsync(2);
        var playlist = await CreateAsync(owner);
        var response = await owner.GetAsync($"/api/v1/playlists/{playlist.Id}");
        var etag = response.Headers.ETag!.Tag;
        Assert.Equal($"\"v{playlist.Version}\"", etag);

        using (var first = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/playlists/{playlist.Id}/tracks") { Content = JsonContent.Create(new { trackId = tracks[0] }) })
        {
            first.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(first)).StatusCode);
        }

        using (var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/playlists/{playlist.Id}/tracks") { Content = JsonContent.Create(new { trackId = tracks[1] }) })
        {
            stale.Headers.IfMatch.Add(new EntityTagHeaderValue(etag));
            await (await owner.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        var current = await (await owner.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal([tracks[0]], current.Entries.Select(e => e.Track.Id));
    }

    [Fact]
    public async Task Concurrent_inserts_and_moves_from_two_editors_lose_nothing_and_never_share_a_position()
    {
        var ownerAccount = await factory.SignInNewUserAsync("Owner");
        var friendAccount = await factory.SignInNewUserAsync("Friend");
        var owner = factory.CreateClient(ownerAccount.AccessToken);
        var friend = factory.CreateClient(friendAccount.AccessToken);
        var tracks = await TracksAsync(6);
        var playlist = await CreateAsync(owner);
        await owner.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/collaborators", new { userId = friendAccount.UserId });
        PlaylistResponse seeded = playlist;
        foreach (var track in tracks)
        {
            seeded = await AddAsync(owner, playlist.Id, track);
        }

        var entryIds = seeded.Entries.Select(e => e.EntryId).ToList();
        var random = new Random(42);
        var work = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 16; i++)
        {
            var client = i % 2 == 0 ? owner : friend;
            work.Add(client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = tracks[i % tracks.Count], position = random.Next(0, 3) }));
            work.Add(client.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks/{entryIds[random.Next(entryIds.Count)]}", new { position = random.Next(0, 3) }));
        }

        var responses = await Task.WhenAll(work);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var final = await (await owner.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal(tracks.Count + 16, final.Entries.Count);
        AssertPositionsConsistent(final);
        Assert.Subset(final.Entries.Select(e => e.EntryId).ToHashSet(), entryIds.ToHashSet());
        var keys = await factory.WithDbAsync(db => db.PlaylistEntries.Where(e => e.PlaylistId == playlist.Id).Select(e => e.SortKey).ToListAsync());
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(1 + 1 + tracks.Count + 32, final.Version); // created, collaborator, seeded adds, every concurrent edit bumped once
    }

    [Fact]
    public async Task Duplicate_copies_the_visible_entries_into_a_private_playlist_of_the_caller()
    {
        var owner = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var other = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var tracks = await TracksAsync(3);
        var playlist = await CreateAsync(owner, "Advent", isPublic: true);
        foreach (var track in tracks)
        {
            await AddAsync(owner, playlist.Id, track);
        }

        var copy = await (await other.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/duplicate", new { })).ReadJsonAsync<PlaylistResponse>(HttpStatusCode.Created);
        Assert.NotEqual(playlist.Id, copy.Id);
        Assert.Equal("Advent (copy)", copy.Name);
        Assert.False(copy.IsPublic);
        Assert.Equal(PlaylistRoles.Owner, copy.Role);
        Assert.Equal(tracks, copy.Entries.Select(e => e.Track.Id));
        var named = await (await other.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/duplicate", new { name = "My Advent" })).ReadJsonAsync<PlaylistResponse>(HttpStatusCode.Created);
        Assert.Equal("My Advent", named.Name);

        var mine = await (await other.GetAsync("/api/v1/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>();
        Assert.Equal([named.Id, copy.Id], mine.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task The_cover_is_a_generated_mosaic_until_one_is_uploaded()
    {
        var owner = factory.CreateClient((await factory.SignInNewUserAsync()).AccessToken);
        var playlist = await CreateAsync(owner);
        await AddAsync(owner, playlist.Id, (await TracksAsync(1))[0]);
        var mosaic = await owner.GetAsync(playlist.CoverUrl);
        Assert.Equal(HttpStatusCode.OK, mosaic.StatusCode);
        Assert.Equal("image/webp", mosaic.Content.Headers.ContentType?.MediaType);
        Assert.False(playlist.HasCustomCover);

        using var png = new MultipartFormDataContent();
        var image = new ByteArrayContent(TinyPng());
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        png.Add(image, "file", "cover.png");
        var uploaded = await (await owner.PutAsync($"/api/v1/playlists/{playlist.Id}/cover", png)).ReadJsonAsync<PlaylistResponse>();
        Assert.True(uploaded.HasCustomCover);
        Assert.NotEqual(playlist.CoverUrl, uploaded.CoverUrl);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(uploaded.CoverUrl)).StatusCode);

        using var text = new MultipartFormDataContent { { new StringContent("not an image"), "file", "cover.png" } };
        await (await owner.PutAsync($"/api/v1/playlists/{playlist.Id}/cover", text)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var back = await (await owner.DeleteAsync($"/api/v1/playlists/{playlist.Id}/cover")).ReadJsonAsync<PlaylistResponse>();
        Assert.False(back.HasCustomCover);
    }

    private static byte[] TinyPng()
    {
        using var bitmap = new SkiaSharp.SKBitmap(8, 8);
        bitmap.Erase(SkiaSharp.SKColors.CornflowerBlue);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static async Task<PlaylistResponse> CreateGroupPlaylistAsync(Member member, Guid groupId, string name) =>
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{groupId}/playlists", new { name, description = "Songs for Friday" }))
            .ReadJsonAsync<PlaylistResponse>(HttpStatusCode.Created);

    private static async Task JoinWithInviteAsync(Member owner, Member joiner, Guid groupId)
    {
        var invite = await (await owner.Client.PostAsync($"/api/v1/groups/{groupId}/invite", null)).ReadJsonAsync<GroupInviteResponse>();
        await (await joiner.Client.PostJsonAsync($"/api/v1/groups/{groupId}/members", new { inviteToken = invite.InviteToken })).ShouldHaveStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Private_group_playlist_members_edit_leaders_manage_outsiders_pending_and_leavers_get_404()
    {
        using var owner = await factory.NewMemberAsync();
        using var leader = await factory.NewMemberAsync();
        using var creator = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var pending = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        using var anonymous = factory.CreateClient();
        var group = await owner.CreateGroupAsync(isPrivate: true);
        foreach (var joiner in new[] { leader, creator, member })
        {
            await JoinWithInviteAsync(owner, joiner, group.Id);
        }

        await (await owner.Client.PutJsonAsync($"/api/v1/groups/{group.Id}/members/{leader.Id}/role", new { role = "leader" })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await pending.Client.PostAsync($"/api/v1/groups/{group.Id}/members", null)).ShouldHaveStatusAsync(HttpStatusCode.Accepted);
        var tracks = await TracksAsync(3, "Psalm");
        var word = CommunitySteps.Unique("Zion");

        await (await creator.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/playlists", new { name = " " })).ShouldBeValidationProblemAsync("name");
        await (await creator.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/playlists", new { name = new string('x', 101) })).ShouldBeValidationProblemAsync("name");
        await (await outsider.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/playlists", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await pending.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/playlists", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var playlist = await CreateGroupPlaylistAsync(creator, group.Id, $"Youth {word}");
        Assert.Equal(new PlaylistGroup(group.Id, group.Name), playlist.Group);
        Assert.Equal((PlaylistRoles.Owner, true, true, false), (playlist.Role, playlist.CanManage, playlist.Collaborative, playlist.IsPublic));
        Assert.Equal(creator.Id, playlist.Owner.Id);

        // Every member edits the tracks; entries say who added them.
        await AddAsync(creator.Client, playlist.Id, tracks[0]);
        var added = await AddAsync(member.Client, playlist.Id, tracks[1]);
        Assert.Equal([creator.DisplayName, member.DisplayName], added.Entries.Select(e => e.AddedBy!.DisplayName));
        Assert.Equal((PlaylistRoles.Collaborator, false), (added.Role, added.CanManage));
        var moved = await (await member.Client.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks/{added.Entries[1].EntryId}", new { position = 0 }))
            .ReadJsonAsync<PlaylistResponse>();
        Assert.Equal([tracks[1], tracks[0]], moved.Entries.Select(e => e.Track.Id));
        var asOwner = await (await owner.Client.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal((PlaylistRoles.Collaborator, true), (asOwner.Role, asOwner.CanManage));

        // A plain member cannot manage; no share links or per-user collaborators; visibility follows the group.
        await (await member.Client.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}", new { name = "Mine" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await member.Client.DeleteAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await member.Client.DeleteAsync($"/api/v1/playlists/{playlist.Id}/cover")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await creator.Client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/share", new { })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await creator.Client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/collaborators", new { userId = outsider.Id })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await leader.Client.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}", new { isPublic = true })).ShouldBeValidationProblemAsync("isPublic");
        var renamed = await (await leader.Client.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}", new { name = $"Youth nights {word}", isPublic = false }))
            .ReadJsonAsync<PlaylistResponse>();
        Assert.Equal($"Youth nights {word}", renamed.Name);

        // Outsiders, pending members and anonymous callers cannot tell it exists.
        foreach (var client in new[] { outsider.Client, pending.Client, anonymous })
        {
            await (await client.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/api/v1/playlists/{playlist.Id}/cover")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }

        foreach (var client in new[] { outsider.Client, pending.Client })
        {
            await (await client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = tracks[2] })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/duplicate", new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            await (await client.GetAsync($"/api/v1/groups/{group.Id}/playlists")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
            Assert.Empty((await SearchAsync(client, $"q={word}&type=playlist")).Playlists!.Items);
            Assert.DoesNotContain((await (await client.GetAsync("/api/v1/playlists?limit=100")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items, p => p.Id == playlist.Id);
        }

        Assert.Empty((await (await anonymous.GetAsync($"/api/v1/users/{creator.Id}/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items);
        Assert.Equal(playlist.Id, Assert.Single((await SearchAsync(member.Client, $"q={word}&type=playlist")).Playlists!.Items).Id);
        var listed = Assert.Single((await (await member.Client.GetAsync($"/api/v1/groups/{group.Id}/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items);
        Assert.Equal((playlist.Id, 2, PlaylistRoles.Collaborator, group.Name), (listed.Id, listed.TrackCount, listed.Role, listed.Group!.Name));
        var mine = (await (await member.Client.GetAsync("/api/v1/playlists?limit=100")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items;
        Assert.Equal(group.Id, Assert.Single(mine, p => p.Id == playlist.Id).Group!.Id);

        // A member who leaves loses access at once (the creator too); deleting the group deletes its playlists.
        await (await member.Client.DeleteAsync($"/api/v1/groups/{group.Id}/members/{member.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await member.Client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = tracks[2] })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await (await member.Client.GetAsync("/api/v1/playlists?limit=100")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items, p => p.Id == playlist.Id);
        await (await creator.Client.DeleteAsync($"/api/v1/groups/{group.Id}/members/{creator.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await creator.Client.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await creator.Client.DeleteAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.NoContent, (await leader.Client.DeleteAsync($"/api/v1/playlists/{playlist.Id}")).StatusCode);
        await (await owner.Client.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var second = await CreateGroupPlaylistAsync(owner, group.Id, "Worship night");
        await AddAsync(owner.Client, second.Id, tracks[2]);
        await factory.WithDbAsync(db => db.CommunityGroups.Where(g => g.Id == group.Id).ExecuteDeleteAsync());
        Assert.False(await factory.WithDbAsync(db => db.Playlists.AnyAsync(p => p.Id == second.Id)));
        Assert.False(await factory.WithDbAsync(db => db.PlaylistEntries.AnyAsync(e => e.PlaylistId == second.Id)));
    }

    [Fact]
    public async Task Public_group_playlist_is_seen_by_signed_in_people_and_edited_by_members_only()
    {
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        using var outsider = await factory.NewMemberAsync();
        using var anonymous = factory.CreateClient();
        var group = await owner.CreateGroupAsync(isPrivate: false);
        await (await member.Client.PostAsync($"/api/v1/groups/{group.Id}/members", null)).ShouldHaveStatusAsync(HttpStatusCode.OK);
        var track = (await TracksAsync(1))[0];
        var word = CommunitySteps.Unique("Shiloh");

        await (await outsider.Client.PostJsonAsync($"/api/v1/groups/{group.Id}/playlists", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var playlist = await CreateGroupPlaylistAsync(owner, group.Id, $"Choir {word}");
        Assert.True(playlist.IsPublic);
        await AddAsync(member.Client, playlist.Id, track);

        var seen = await (await outsider.Client.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>();
        Assert.Equal((PlaylistRoles.Viewer, false, 1), (seen.Role, seen.CanManage, seen.Entries.Count));
        Assert.Equal(member.DisplayName, seen.Entries[0].AddedBy!.DisplayName);
        await (await outsider.Client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = track })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await outsider.Client.PatchJsonAsync($"/api/v1/playlists/{playlist.Id}", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Single((await (await outsider.Client.GetAsync($"/api/v1/groups/{group.Id}/playlists")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items);
        Assert.Equal(playlist.Id, Assert.Single((await SearchAsync(outsider.Client, $"q={word}&type=playlist")).Playlists!.Items).Id);
        Assert.DoesNotContain((await (await outsider.Client.GetAsync("/api/v1/playlists?limit=100")).ReadJsonAsync<CatalogPage<PlaylistSummary>>()).Items, p => p.Id == playlist.Id);
        await (await anonymous.GetAsync($"/api/v1/playlists/{playlist.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await SearchAsync(anonymous, $"q={word}&type=playlist")).Playlists!.Items);

        await (await member.Client.DeleteAsync($"/api/v1/groups/{group.Id}/members/{member.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await member.Client.PostJsonAsync($"/api/v1/playlists/{playlist.Id}/tracks", new { trackId = track })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(PlaylistRoles.Viewer, (await (await member.Client.GetAsync($"/api/v1/playlists/{playlist.Id}")).ReadJsonAsync<PlaylistResponse>()).Role);
    }

    private static async Task<SearchResponse> SearchAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/v1/search?{query}")).ReadJsonAsync<SearchResponse>();
}
