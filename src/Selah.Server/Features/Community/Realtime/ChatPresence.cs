using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Selah.Server.Features.Community.Realtime;

/// <summary>
/// Who is online in which group chat (one entry per connection, so a second tab keeps a person online) and who is
/// typing. Entries expire on their own: a node that dies without saying goodbye drops out of the lists after
/// <see cref="ChatPresenceTimes.EntryLifetime"/>; live nodes refresh their connections' entries every <see cref="ChatPresenceTimes.RefreshEvery"/>.
/// In Redis when <c>ConnectionStrings:Redis</c> is set (shared by every node), in memory otherwise.
/// </summary>
public interface IChatPresence
{
    /// <summary>Adds the connection; true when the user was not online in the group before.</summary>
    Task<bool> JoinAsync(Guid groupId, Guid userId, string connectionId);

    /// <summary>Removes the connection; true when the user has no connection left in the group.</summary>
    Task<bool> LeaveAsync(Guid groupId, Guid userId, string connectionId);

    Task<IReadOnlyList<Guid>> OnlineAsync(Guid groupId);

    /// <summary>The user's connections in the group, on every node (to evict them when they leave the group).</summary>
    Task<IReadOnlyList<string>> ConnectionsAsync(Guid groupId, Guid userId);

    Task RefreshAsync(IReadOnlyCollection<(Guid GroupId, Guid UserId, string ConnectionId)> entries);

    /// <summary>Marks the user typing for <see cref="ChatPresenceTimes.TypingLifetime"/>; true when they were not typing already (broadcast then).</summary>
    Task<bool> TypingAsync(Guid groupId, Guid userId);
}

public static class ChatPresenceTimes
{
    public static readonly TimeSpan EntryLifetime = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan TypingLifetime = TimeSpan.FromSeconds(3);

    public static string Member(Guid userId, string connectionId) => userId.ToString("N") + ":" + connectionId;

    public static Guid UserOf(string member) => Guid.ParseExact(member.AsSpan(0, 32), "N");
}

internal sealed class MemoryChatPresence(TimeProvider clock) : IChatPresence
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, DateTimeOffset>> _groups = new();
    private readonly ConcurrentDictionary<(Guid, Guid), DateTimeOffset> _typing = new();

    public Task<bool> JoinAsync(Guid groupId, Guid userId, string connectionId)
    {
        var entries = _groups.GetOrAdd(groupId, _ => new());
        var wasOnline = Live(entries).Any(m => ChatPresenceTimes.UserOf(m) == userId);
        entries[ChatPresenceTimes.Member(userId, connectionId)] = clock.GetUtcNow() + ChatPresenceTimes.EntryLifetime;
        return Task.FromResult(!wasOnline);
    }

    public Task<bool> LeaveAsync(Guid groupId, Guid userId, string connectionId)
    {
        if (!_groups.TryGetValue(groupId, out var entries))
        {
            return Task.FromResult(true);
        }

        entries.TryRemove(ChatPresenceTimes.Member(userId, connectionId), out _);
        return Task.FromResult(!Live(entries).Any(m => ChatPresenceTimes.UserOf(m) == userId));
    }

    public Task<IReadOnlyList<Guid>> OnlineAsync(Guid groupId) =>
        Task.FromResult<IReadOnlyList<Guid>>(_groups.TryGetValue(groupId, out var entries)
            ? Live(entries).Select(ChatPresenceTimes.UserOf).Distinct().ToList()
            : []);

    public Task<IReadOnlyList<string>> ConnectionsAsync(Guid groupId, Guid userId) =>
        Task.FromResult<IReadOnlyList<string>>(_groups.TryGetValue(groupId, out var entries)
            ? Live(entries).Where(m => ChatPresenceTimes.UserOf(m) == userId).Select(m => m[33..]).ToList()
            : []);

    public Task RefreshAsync(IReadOnlyCollection<(Guid GroupId, Guid UserId, string ConnectionId)> entries)
    {
        var until = clock.GetUtcNow() + ChatPresenceTimes.EntryLifetime;
        foreach (var (groupId, userId, connectionId) in entries)
        {
            _groups.GetOrAdd(groupId, _ => new())[ChatPresenceTimes.Member(userId, connectionId)] = until;
        }

        foreach (var (groupId, group) in _groups)
        {
            _ = Live(group).Count();
            if (group.IsEmpty)
            {
                _groups.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<string, DateTimeOffset>>(groupId, group));
            }
        }

        var now = clock.GetUtcNow();
        foreach (var (key, until2) in _typing)
        {
            if (until2 <= now)
            {
                _typing.TryRemove(new KeyValuePair<(Guid, Guid), DateTimeOffset>(key, until2));
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> TypingAsync(Guid groupId, Guid userId)
    {
        var now = clock.GetUtcNow();
        var fresh = false;
        _typing.AddOrUpdate((groupId, userId), _ =>
        {
            fresh = true;
            return now + ChatPresenceTimes.TypingLifetime;
        }, (_, until) =>
        {
            if (until > now)
            {
                return until;
            }

            fresh = true;
            return now + ChatPresenceTimes.TypingLifetime;
        });
        return Task.FromResult(fresh);
    }

    /// <summary>The unexpired entries; expired ones are removed on the way.</summary>
    private IEnumerable<string> Live(ConcurrentDictionary<string, DateTimeOffset> entries)
    {
        var now = clock.GetUtcNow();
        foreach (var (member, until) in entries)
        {
            if (until > now)
            {
                yield return member;
            }
            else
            {
                entries.TryRemove(new KeyValuePair<string, DateTimeOffset>(member, until));
            }
        }
    }
}

/// <summary>
/// A sorted set per group (<c>selah:presence:chat:{groupId}</c>, member <c>{userId}:{connectionId}</c>, score = expiry
/// in Unix milliseconds, the key itself expiring when nobody refreshes it) and a key per typist
/// (<c>selah:typing:{groupId}:{userId}</c>, <c>SET NX PX</c>).
/// </summary>
internal sealed class RedisChatPresence(IConnectionMultiplexer redis, TimeProvider clock) : IChatPresence
{
    private static RedisKey Key(Guid groupId) => "selah:presence:chat:" + groupId.ToString("N");

    public async Task<bool> JoinAsync(Guid groupId, Guid userId, string connectionId)
    {
        var db = redis.GetDatabase();
        var wasOnline = (await LiveAsync(db, groupId)).Any(m => ChatPresenceTimes.UserOf(m) == userId);
        await AddAsync(db, groupId, ChatPresenceTimes.Member(userId, connectionId));
        return !wasOnline;
    }

    public async Task<bool> LeaveAsync(Guid groupId, Guid userId, string connectionId)
    {
        var db = redis.GetDatabase();
        await db.SortedSetRemoveAsync(Key(groupId), ChatPresenceTimes.Member(userId, connectionId));
        return !(await LiveAsync(db, groupId)).Any(m => ChatPresenceTimes.UserOf(m) == userId);
    }

    public async Task<IReadOnlyList<Guid>> OnlineAsync(Guid groupId) =>
        (await LiveAsync(redis.GetDatabase(), groupId)).Select(ChatPresenceTimes.UserOf).Distinct().ToList();

    public async Task<IReadOnlyList<string>> ConnectionsAsync(Guid groupId, Guid userId) =>
        (await LiveAsync(redis.GetDatabase(), groupId)).Where(m => ChatPresenceTimes.UserOf(m) == userId).Select(m => m[33..]).ToList();

    public async Task RefreshAsync(IReadOnlyCollection<(Guid GroupId, Guid UserId, string ConnectionId)> entries)
    {
        var db = redis.GetDatabase();
        foreach (var group in entries.GroupBy(e => e.GroupId))
        {
            var until = clock.GetUtcNow() + ChatPresenceTimes.EntryLifetime;
            await db.SortedSetAddAsync(Key(group.Key),
                group.Select(e => new SortedSetEntry(ChatPresenceTimes.Member(e.UserId, e.ConnectionId), until.ToUnixTimeMilliseconds())).ToArray());
            await db.KeyExpireAsync(Key(group.Key), ChatPresenceTimes.EntryLifetime);
        }
    }

    public Task<bool> TypingAsync(Guid groupId, Guid userId) =>
        redis.GetDatabase().StringSetAsync($"selah:typing:{groupId:N}:{userId:N}", 1, ChatPresenceTimes.TypingLifetime, When.NotExists);

    private async Task AddAsync(IDatabase db, Guid groupId, string member)
    {
        var until = clock.GetUtcNow() + ChatPresenceTimes.EntryLifetime;
        await db.SortedSetAddAsync(Key(groupId), member, until.ToUnixTimeMilliseconds());
        await db.KeyExpireAsync(Key(groupId), ChatPresenceTimes.EntryLifetime);
    }

    private async Task<List<string>> LiveAsync(IDatabase db, Guid groupId)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.SortedSetRemoveRangeByScoreAsync(Key(groupId), double.NegativeInfinity, now);
        return (await db.SortedSetRangeByRankAsync(Key(groupId))).Select(v => v.ToString()).ToList();
    }
}
