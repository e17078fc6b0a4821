using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>
/// A server for the real-time tests: Redis (backplane and presence) when <c>SELAH_TEST_REDIS</c> is set, a first pass
/// that holds "scamcoin", and a chat limit of <see cref="ChatPerAccount"/> messages a minute per account.
/// </summary>
public class RealtimeFactory : SelahFactory
{
    public const int ChatPerAccount = 25;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Selah:Moderation:BlockedWords:0"] = "scamcoin";
        settings["Selah:RateLimits:Policies:community-chat:PerAccount"] = ChatPerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (TestEnvironment.Redis is { } redis)
        {
            settings["ConnectionStrings:Redis"] = redis;
        }
    }
}

/// <summary>
/// A node of a two-node deployment: the shared database of <paramref name="store"/> and Redis (each node keeps its own
/// data folder, so each test factory reads the mail its node wrote).
/// </summary>
public sealed class RealtimeNodeFactory(SharedStore store, string redis) : SelahFactory
{
    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        if (store.Database is { } database)
        {
            settings["ConnectionStrings:Selah"] = database.ConnectionString;
        }

        settings["ConnectionStrings:Redis"] = redis;
    }
}

/// <summary>Runs only on PostgreSQL with Redis (the two-node topology of the scale-out rule).</summary>
public sealed class TwoNodeFactAttribute : FactAttribute
{
    public TwoNodeFactAttribute()
    {
        if (TestEnvironment.Provider != TestDatabaseProvider.Postgres || TestEnvironment.Redis is null)
        {
            Skip = "Two nodes need PostgreSQL and Redis (SELAH_TEST_PROVIDER=Postgres and SELAH_TEST_REDIS); the SQLite run has no Redis.";
        }
    }
}

/// <summary>A SignalR connection to a hub of the test server that records every event it receives.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static readonly string[] Events =
        ["notification", "unreadCount", "message", "messageEdited", "messageDeleted", "typing", "read", "presence", "request", "praying", "pinned", "roomClosed"];

    private readonly ConcurrentQueue<(string Name, JsonElement Payload)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private LiveClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in Events)
        {
            connection.On<JsonElement>(name, payload =>
            {
                _received.Enqueue((name, payload.Clone()));
                _arrived.Release();
            });
        }
    }

    public HubConnection Connection { get; }

    public IEnumerable<JsonElement> Received(string name) => _received.Where(e => e.Name == name).Select(e => e.Payload);

    public static async Task<LiveClient> ConnectAsync(SelahFactory factory, string hub, string? token)
    {
        var baseAddress = factory.Server.BaseAddress;
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, hub), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult(token);
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var client = new LiveClient(connection);
        await connection.StartAsync();
        return client;
    }

    public static Task<LiveClient> ConnectAsync(SelahFactory factory, string hub, Member member) =>
        ConnectAsync(factory, hub, member.Client.DefaultRequestHeaders.Authorization!.Parameter);

    /// <summary>Waits (up to <see cref="Patience"/>, a safety net, not a speed check) for an event matching <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string name, Func<JsonElement, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            foreach (var (eventName, payload) in _received)
            {
                if (eventName == name && (match is null || match(payload)))
                {
                    return payload;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                var seen = string.Join("\n", _received.Select(e => $"{e.Name}: {e.Payload}"));
                Assert.Fail($"No '{name}' event matching the expectation arrived. Received:\n{seen}");
            }

            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
        }
    }

    public Task<JsonElement> WaitForMessageAsync(string name, Guid messageId) =>
        WaitForAsync(name, p => p.GetProperty(name == "messageDeleted" ? "messageId" : "id").GetGuid() == messageId);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }
}

public static class RealtimeSteps
{
    public static async Task<JsonElement> JoinChatAsync(this LiveClient client, Guid groupId) =>
        await client.Connection.InvokeAsync<JsonElement>("JoinGroup", groupId);

    public static async Task<Selah.Contracts.Community.GroupMessageResponse> SayAsync(this Member member, Guid groupId, string text) =>
        await (await member.Client.PostJsonAsync($"/api/v1/groups/{groupId}/messages", new { text }))
            .ReadJsonAsync<Selah.Contracts.Community.GroupMessageResponse>(System.Net.HttpStatusCode.Created);

    public static async Task JoinPublicGroupAsync(this Member member, Guid groupId) =>
        await (await member.Client.PostAsync($"/api/v1/groups/{groupId}/members", null)).ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);

    /// <summary>Asserts that calling a hub method fails with a hub error naming <paramref name="problem"/>.</summary>
    public static async Task ShouldFailAsync(Task call, string problem)
    {
        var error = await Assert.ThrowsAsync<HubException>(() => call);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
