using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Selah.Contracts.Community;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Community;

/// <summary>A Redis of the test's own (<c>redis-server --port N --save ''</c>) that it can stop and start again.</summary>
public sealed class OwnRedis : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; } = FreePort();

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=1000,syncTimeout=2000,asyncTimeout=2000";

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo("redis-server", ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException($"redis-server did not start on port {Port}.");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class RedisOutageFactAttribute : FactAttribute
{
    public RedisOutageFactAttribute()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, "redis-server")));
        if (TestEnvironment.Provider != TestDatabaseProvider.Postgres || TestEnvironment.Redis is null || !onPath)
        {
            Skip = "Runs with the Redis suite (SELAH_TEST_PROVIDER=Postgres, SELAH_TEST_REDIS) and needs redis-server on PATH to start and stop a Redis of its own.";
        }
    }
}

/// <summary>Redis goes away: the API keeps answering and storing; when it is back, live delivery resumes.</summary>
public sealed class RealtimeRedisOutageTests
{
    [RedisOutageFact]
    public async Task With_Redis_down_messages_still_persist_and_live_delivery_resumes_when_it_returns()
    {
        await using var redis = new OwnRedis();
        await redis.StartAsync();
        // The chat rate limit stays on: while Redis is down it counts on this node instead of failing the request.
        await using var factory = new SettingsFactory(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = redis.ConnectionString });
        using var owner = await factory.NewMemberAsync();
        using var member = await factory.NewMemberAsync();
        var group = await owner.CreateGroupAsync(isPrivate: false);
        await member.JoinPublicGroupAsync(group.Id);
        await using var live = await LiveClient.ConnectAsync(factory, "/hubs/groups", member);
        await live.JoinChatAsync(group.Id);
        var before = await owner.SayAsync(group.Id, "Before the outage");
        await live.WaitForMessageAsync("message", before.Id);

        await redis.StopAsync();
        var during = await owner.SayAsync(group.Id, "During the outage");
        Assert.Equal("published", during.Status);
        var history = await member.Client.GetPageAsync<GroupMessageResponse>($"/api/v1/groups/{group.Id}/messages");
        Assert.Contains(history.Items, m => m.Id == during.Id);
        await (await owner.Client.GetAsync($"/api/v1/groups/{group.Id}")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await redis.StartAsync();
        // The multiplexer reconnects and resubscribes in the background: keep talking until a message gets through.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var after = await owner.SayAsync(group.Id, "After the outage");
            try
            {
                await live.WaitForMessageAsync("message", after.Id);
                break;
            }
            catch (Xunit.Sdk.FailException) when (DateTime.UtcNow < deadline)
            {
                // not yet resubscribed
            }
        }
    }
}
