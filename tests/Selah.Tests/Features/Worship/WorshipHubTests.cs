using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Contracts.Worship;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Worship;

/// <summary>
/// The live worship session hub: the leader moves, screens follow; team members without a leader role and strangers are
/// refused; late joiners (also on another node, through Redis) land on the current slide.
/// </summary>
public sealed class WorshipHubTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Leader_moves_and_the_screen_follows()
    {
        var (leader, setList, member) = await ArrangeAsync(factory, "Vocals");
        await using var leaderHub = await ConnectAsync(factory, leader.Token);
        await using var screenHub = await ConnectAsync(factory, member.AccessToken);
        var screen = Listen(screenHub);

        var leaderState = await leaderHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        var screenState = await screenHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);

        Assert.True(leaderState.CanLead);
        Assert.False(screenState.CanLead);
        Assert.Equal(["Welcome", leader.SongTitle], screenState.Items.Select(i => i.Title));
        Assert.Equal(["Welcome"], screenState.Items[0].Slides.Single().Lines);
        // One slide per section, in the sequence V1 C V2 C B C.
        Assert.Equal(["V1", "C", "V2", "C", "B", "C"], screenState.Items[1].Slides.Select(s => s.SectionCode));
        Assert.Equal(["Verse 1", "Chorus", "Verse 2", "Chorus", "Bridge", "Chorus"], screenState.Items[1].Slides.Select(s => s.Label));
        Assert.Equal(["Amazing grace how sweet the sound", "That saved a wretch like me"], screenState.Items[1].Slides[0].Lines);
        Assert.Equal("A", screenState.Items[1].Key);
        Assert.Equal((0, 0, false), (screenState.Slide.ItemIndex, screenState.Slide.SlideIndex, screenState.Slide.Blank));
        Assert.Equal("V1", screenState.Slide.Next?.SectionCode);

        var moved = await leaderHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id);
        var seen = await screen.ReadAsync(Wait);
        Assert.Equal((1, 0), (seen.ItemIndex, seen.SlideIndex));
        Assert.Equal(moved.Version, seen.Version);
        Assert.Equal("Amazing grace how sweet the sound", seen.Current?.Lines[0]);
        Assert.Equal(["Praise him, praise him"], seen.Next?.Lines);

        await leaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 5);
        seen = await screen.ReadAsync(Wait);
        Assert.Equal((1, 5), (seen.ItemIndex, seen.SlideIndex));
        Assert.Null(seen.Next);

        // Past the end it stays on the last slide.
        await leaderHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id);
        seen = await screen.ReadAsync(Wait);
        Assert.Equal((1, 5), (seen.ItemIndex, seen.SlideIndex));

        await leaderHub.InvokeAsync<WorshipSlideMessage>("Blank", setList.Id, true);
        seen = await screen.ReadAsync(Wait);
        Assert.True(seen.Blank);
        Assert.Equal((1, 5), (seen.ItemIndex, seen.SlideIndex));

        await leaderHub.InvokeAsync<WorshipSlideMessage>("Previous", setList.Id);
        seen = await screen.ReadAsync(Wait);
        Assert.False(seen.Blank);
        Assert.Equal((1, 4, "B"), (seen.ItemIndex, seen.SlideIndex, seen.Current?.SectionCode));

        // Back across the item boundary.
        await leaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 0);
        await screen.ReadAsync(Wait);
        await leaderHub.InvokeAsync<WorshipSlideMessage>("Previous", setList.Id);
        seen = await screen.ReadAsync(Wait);
        Assert.Equal((0, 0, "Welcome"), (seen.ItemIndex, seen.SlideIndex, seen.Current?.ItemTitle));
        Assert.True(seen.Version > moved.Version);
    }

    [Fact]
    public async Task Only_the_owner_and_leaders_lead_and_strangers_cannot_join()
    {
        var (leader, setList, member) = await ArrangeAsync(factory, "Vocals", extraRole: "Worship Leader");
        var stranger = await factory.SignInNewUserAsync();
        await using var memberHub = await ConnectAsync(factory, member.AccessToken);
        await using var coLeaderHub = await ConnectAsync(factory, leader.CoLeader!.AccessToken);
        await using var strangerHub = await ConnectAsync(factory, stranger.AccessToken);
        await using var leaderHub = await ConnectAsync(factory, leader.Token);

        await memberHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        var refused = await Assert.ThrowsAsync<HubException>(() => memberHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id));
        Assert.Contains("leader", refused.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<HubException>(() => memberHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 1));
        await Assert.ThrowsAsync<HubException>(() => memberHub.InvokeAsync<WorshipSlideMessage>("Blank", setList.Id, true));

        var notFound = await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<WorshipSessionState>("Join", setList.Id));
        Assert.Contains("not found", notFound.Message, StringComparison.OrdinalIgnoreCase);
        await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id));
        await Assert.ThrowsAsync<HubException>(() => strangerHub.InvokeAsync<WorshipSessionState>("Join", Guid.NewGuid()));

        // Nothing moved.
        var state = await leaderHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        Assert.Equal((0, 0, 0L), (state.Slide.ItemIndex, state.Slide.SlideIndex, state.Slide.Version));

        // A team member whose role names them a leader may lead; a slide that does not exist is refused.
        var coState = await coLeaderHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        Assert.True(coState.CanLead);
        var moved = await coLeaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 2);
        Assert.Equal("V2", moved.Current?.SectionCode);
        await Assert.ThrowsAsync<HubException>(() => coLeaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 6));
        await Assert.ThrowsAsync<HubException>(() => coLeaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 2, 0));
        await Assert.ThrowsAsync<HubException>(() => coLeaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, -1, 0));

        // Without a token the hub is closed.
        var anonymous = new HubConnectionBuilder().WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/worship"), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
        }).Build();
        await using (anonymous)
        {
            var failed = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }
    }

    [Fact]
    public async Task A_late_joiner_lands_on_the_current_slide()
    {
        var (leader, setList, member) = await ArrangeAsync(factory, "Keys");
        await using var leaderHub = await ConnectAsync(factory, leader.Token);
        await leaderHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        await leaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 1);
        var last = await leaderHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id);

        await using var late = await ConnectAsync(factory, member.AccessToken);
        var state = await late.InvokeAsync<WorshipSessionState>("Join", setList.Id);

        Assert.Equal((1, 2, false, last.Version), (state.Slide.ItemIndex, state.Slide.SlideIndex, state.Slide.Blank, state.Slide.Version));
        Assert.Equal(["'Twas grace that taught"], state.Slide.Current?.Lines);
        Assert.Equal("C", state.Slide.Next?.SectionCode);
    }

    [TwoNodeWorshipFact]
    public async Task A_late_joiner_on_another_node_lands_on_the_current_slide()
    {
        await using var store = new SharedStore();
        await using var nodeA = new RedisNodeFactory(store);
        var (leader, setList, member) = await ArrangeAsync(nodeA, "Vocals");
        await using var nodeB = new RedisNodeFactory(store);
        _ = nodeB.Server; // start the second node on the same database and Redis

        await using var leaderHub = await ConnectAsync(nodeA, leader.Token);
        await using var screenB = await ConnectAsync(nodeB, member.AccessToken);
        var screen = Listen(screenB);
        await leaderHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        await screenB.InvokeAsync<WorshipSessionState>("Join", setList.Id);

        // A move on node A reaches a screen on node B through the backplane ...
        await leaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 3);
        var seen = await screen.ReadAsync(Wait);
        Assert.Equal((1, 3), (seen.ItemIndex, seen.SlideIndex));

        // ... and a late joiner on node B gets the position node A stored.
        await using var lateB = await ConnectAsync(nodeB, member.AccessToken);
        var state = await lateB.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        Assert.Equal((1, 3, "C"), (state.Slide.ItemIndex, state.Slide.SlideIndex, state.Slide.Current?.SectionCode));
    }

    [Fact]
    public async Task A_member_taken_off_the_team_stops_receiving_slides_at_once()
    {
        var (leader, setList, member) = await ArrangeAsync(factory, "Vocals", extraRole: "Keys");
        await using var leaderHub = await ConnectAsync(factory, leader.Token);
        await using var removedHub = await ConnectAsync(factory, member.AccessToken);
        await using var stayingHub = await ConnectAsync(factory, leader.CoLeader!.AccessToken);
        var removed = Listen(removedHub);
        var removedNotice = Removals(removedHub);
        var staying = Listen(stayingHub);
        await leaderHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        await removedHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        await stayingHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        await leaderHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id);
        Assert.Equal(1, (await removed.ReadAsync(Wait)).ItemIndex);
        Assert.Equal(1, (await staying.ReadAsync(Wait)).ItemIndex);

        await RemoveMemberAsync(factory, leader, setList, member.UserId);

        // The removed member is told, and the next moves reach the team but not them.
        Assert.Equal(setList.Id, await removedNotice.Reader.ReadAsync(new CancellationTokenSource(Wait).Token));
        await leaderHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id);
        await leaderHub.InvokeAsync<WorshipSlideMessage>("Next", setList.Id);
        Assert.Equal(1, (await staying.ReadAsync(Wait)).SlideIndex);
        Assert.Equal(2, (await staying.ReadAsync(Wait)).SlideIndex);
        Assert.False(removed.Channel.Reader.TryRead(out _));

        // Nor can they join again.
        await Assert.ThrowsAsync<HubException>(() => removedHub.InvokeAsync<WorshipSessionState>("Join", setList.Id));
    }

    [TwoNodeWorshipFact]
    public async Task A_member_removed_through_another_node_stops_receiving_slides()
    {
        await using var store = new SharedStore();
        await using var nodeA = new RedisNodeFactory(store);
        var (leader, setList, member) = await ArrangeAsync(nodeA, "Vocals", extraRole: "Keys");
        await using var nodeB = new RedisNodeFactory(store);
        _ = nodeB.Server;

        await using var leaderHub = await ConnectAsync(nodeA, leader.Token);
        await using var removedB = await ConnectAsync(nodeB, member.AccessToken);
        await using var stayingB = await ConnectAsync(nodeB, leader.CoLeader!.AccessToken);
        var removed = Listen(removedB);
        var removedNotice = Removals(removedB);
        var staying = Listen(stayingB);
        await leaderHub.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        await removedB.InvokeAsync<WorshipSessionState>("Join", setList.Id);
        await stayingB.InvokeAsync<WorshipSessionState>("Join", setList.Id);

        // Removed through node A's API; the member's connection lives on node B.
        await RemoveMemberAsync(nodeA, leader, setList, member.UserId);
        Assert.Equal(setList.Id, await removedNotice.Reader.ReadAsync(new CancellationTokenSource(Wait).Token));

        await leaderHub.InvokeAsync<WorshipSlideMessage>("GoTo", setList.Id, 1, 2);
        Assert.Equal(2, (await staying.ReadAsync(Wait)).SlideIndex);
        Assert.False(removed.Channel.Reader.TryRead(out _));
    }

    private static async Task RemoveMemberAsync(SelahFactory factory, Leader leader, SetListResponse setList, Guid userId)
    {
        using var client = factory.CreateClient(leader.Token);
        var updated = await (await client.PutJsonAsync($"/api/v1/setlists/{setList.Id}", new
        {
            title = setList.Title,
            startsAt = setList.StartsAt,
            items = setList.Items.Select(i => new { songId = i.SongId, arrangementId = i.ArrangementId, key = i.Key, title = i.SongId is null ? i.Title : null }),
            team = setList.Team.Where(m => m.UserId != userId).Select(m => new { userId = m.UserId, role = m.Role }),
        })).ReadJsonAsync<SetListResponse>();
        Assert.DoesNotContain(updated.Team, m => m.UserId == userId);
    }

    private static Channel<Guid> Removals(HubConnection connection)
    {
        var channel = System.Threading.Channels.Channel.CreateUnbounded<Guid>();
        connection.On<Guid>("removed", id => channel.Writer.TryWrite(id));
        return channel;
    }

    private sealed record Leader(string Token, string SongTitle, SignedInAccount? CoLeader);

    private static async Task<(Leader Leader, SetListResponse SetList, SignedInAccount Member)> ArrangeAsync(
        SelahFactory factory, string memberRole, string? extraRole = null)
    {
        var artist = await factory.SignInNewArtistAsync();
        using var client = factory.CreateClient(artist.AccessToken);
        var song = await client.CreateSongAsync("Live song " + CatalogSteps.NewMarker());
        var arrangement = await client.AddArrangementAsync(song.Id);
        var member = await factory.SignInNewUserAsync("Screen " + memberRole);
        var coLeader = extraRole is null ? null : await factory.SignInNewUserAsync("Co-leader");
        var team = new List<object> { new { userId = member.UserId, role = memberRole } };
        if (coLeader is not null)
        {
            team.Add(new { userId = coLeader.UserId, role = extraRole });
        }

        var setList = await (await client.PostJsonAsync("/api/v1/setlists", new
        {
            title = "Live Sunday",
            startsAt = DateTimeOffset.UtcNow.AddDays(1),
            items = new object[] { new { title = "Welcome" }, new { songId = song.Id, arrangementId = arrangement.Id, key = "A" } },
            team,
        })).ReadJsonAsync<SetListResponse>(HttpStatusCode.Created);
        return (new Leader(artist.AccessToken, song.Title, coLeader), setList, member);
    }

    private static async Task<HubConnection> ConnectAsync(WebApplicationFactory<Program> factory, string token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/worship"), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.LongPolling;
        }).Build();
        await connection.StartAsync();
        return connection;
    }

    private static SlideInbox Listen(HubConnection connection)
    {
        var inbox = new SlideInbox();
        connection.On<WorshipSlideMessage>("slide", message => inbox.Channel.Writer.TryWrite(message));
        return inbox;
    }

    private sealed class SlideInbox
    {
        public Channel<WorshipSlideMessage> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WorshipSlideMessage>();

        public async Task<WorshipSlideMessage> ReadAsync(TimeSpan wait)
        {
            using var timeout = new CancellationTokenSource(wait);
            return await Channel.Reader.ReadAsync(timeout.Token);
        }
    }

    /// <summary>Runs only on PostgreSQL with Redis: two nodes need a shared database and the Redis backplane.</summary>
    private sealed class TwoNodeWorshipFactAttribute : FactAttribute
    {
        public TwoNodeWorshipFactAttribute()
        {
            if (TestEnvironment.Redis is null || TestEnvironment.Provider != TestDatabaseProvider.Postgres)
            {
                Skip = "Needs SELAH_TEST_PROVIDER=Postgres and SELAH_TEST_REDIS (two nodes share PostgreSQL and Redis).";
            }
        }
    }

    private sealed class RedisNodeFactory(SharedStore store) : SelahFactory
    {
        protected override void ConfigureSettings(IDictionary<string, string?> settings)
        {
            // Each node keeps its own data directory (and mail pickup); they share the database and Redis.
            if (store.Database is { } database)
            {
                settings["ConnectionStrings:Selah"] = database.ConnectionString;
            }

            settings["ConnectionStrings:Redis"] = TestEnvironment.Redis;
        }
    }
}
