using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Selah.Server.Features.Worship;

/// <summary>
/// Which of this node's <see cref="WorshipHub"/> connections have joined which set list's session, and as whom. When a
/// person leaves a set list's team (or the set list is deleted) <see cref="EvictAsync"/> takes their connections out of
/// the session's group at once and tells them with a <c>removed</c> message; with Redis the eviction is published so
/// every node does the same for its own connections.
/// </summary>
public sealed class WorshipConnections : IDisposable
{
    public const string RemovedMethod = "removed";
    private static readonly RedisChannel Channel = RedisChannel.Literal("selah:worship:evict");

    private readonly ConcurrentDictionary<string, (Guid UserId, ConcurrentDictionary<Guid, byte> Sets)> _connections = new();
    private readonly IHubContext<WorshipHub> _hub;
    private readonly ILogger<WorshipConnections> _logger;
    private readonly ISubscriber? _subscriber;

    public WorshipConnections(IHubContext<WorshipHub> hub, IServiceProvider services, ILogger<WorshipConnections> logger)
    {
        _hub = hub;
        _logger = logger;
        _subscriber = services.GetService<IConnectionMultiplexer>()?.GetSubscriber();
        _subscriber?.Subscribe(Channel, (channel, value) => _ = OnPublishedAsync(value));
    }

    public void Joined(string connectionId, Guid userId, Guid setListId) =>
        _connections.GetOrAdd(connectionId, _ => (userId, new ConcurrentDictionary<Guid, byte>())).Sets[setListId] = 0;

    public void Left(string connectionId, Guid setListId)
    {
        if (_connections.TryGetValue(connectionId, out var entry))
        {
            entry.Sets.TryRemove(setListId, out _);
        }
    }

    public void Disconnected(string connectionId) => _connections.TryRemove(connectionId, out _);

    /// <summary>Takes the people's connections out of the set list's live session on every node. Call after saving.</summary>
    public async Task EvictAsync(Guid setListId, IReadOnlyCollection<Guid> userIds)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        await EvictLocalAsync(setListId, userIds);
        if (_subscriber is not null)
        {
            try
            {
                await _subscriber.PublishAsync(Channel, JsonSerializer.Serialize(new Eviction(setListId, [.. userIds])));
            }
            catch (RedisException ex)
            {
                _logger.LogWarning(ex, "Could not publish the eviction from set list {SetListId} to the other nodes", setListId);
            }
        }
    }

    private async Task EvictLocalAsync(Guid setListId, IReadOnlyCollection<Guid> userIds)
    {
        var group = WorshipHub.GroupName(setListId);
        foreach (var (connectionId, entry) in _connections)
        {
            if (!userIds.Contains(entry.UserId) || !entry.Sets.TryRemove(setListId, out _))
            {
                continue;
            }

            try
            {
                await _hub.Groups.RemoveFromGroupAsync(connectionId, group);
                await _hub.Clients.Client(connectionId).SendAsync(RemovedMethod, setListId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Could not take connection {ConnectionId} out of set list {SetListId}", connectionId, setListId);
            }
        }
    }

    private async Task OnPublishedAsync(RedisValue value)
    {
        try
        {
            if (JsonSerializer.Deserialize<Eviction>(value.ToString()) is { } eviction)
            {
                await EvictLocalAsync(eviction.SetListId, eviction.UserIds);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            _logger.LogWarning(ex, "Ignored a malformed worship eviction message");
        }
    }

    public void Dispose()
    {
        try
        {
            _subscriber?.Unsubscribe(Channel);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or RedisException)
        {
            // The multiplexer went first at shutdown: the subscription went with it.
        }
    }

    private sealed record Eviction(Guid SetListId, Guid[] UserIds);
}
