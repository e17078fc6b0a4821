using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Realtime;

/// <summary>
/// <c>/hubs/groups</c>: live group chat. A connection joins a group's chat with <c>JoinGroup</c> (members only: a
/// private group answers "not-found" to everyone else, a public one "not-a-member"), then receives <c>message</c>,
/// <c>messageEdited</c>, <c>messageDeleted</c>, <c>typing</c>, <c>read</c> and <c>presence</c> for it. <c>SendMessage</c>
/// is <c>POST /api/v1/groups/{id}/messages</c> (same moderation, rate limit and storage). Errors are
/// <see cref="HubException"/>s whose message starts with the problem name (<c>not-found: …</c>).
/// </summary>
[Authorize]
public sealed class GroupsHub(GroupChat chat, ChatConnections connections, IChatPresence presence, SelahDbContext db, ILogger<GroupsHub> logger) : Hub
{
    public const string Path = "/hubs/groups";

    public async Task<JoinGroupResult> JoinGroup(Guid groupId)
    {
        var user = Context.User!;
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, groupId, user, Context.ConnectionAborted);
        if (view is null || (!view.IsMember && view.Group.IsPrivate))
        {
            throw new HubException("not-found: The group was not found.");
        }

        if (!view.IsMember)
        {
            throw new HubException("not-a-member: Join the group to chat.");
        }

        var name = connections.DisplayName(Context.ConnectionId)
            ?? (await PostMapper.UserNamesAsync(db, [me], Context.ConnectionAborted)).GetValueOrDefault(me, "");
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupChat.Channel(groupId), Context.ConnectionAborted);
        connections.Join(Context.ConnectionId, me, name, groupId);
        if (await presence.JoinAsync(groupId, me, Context.ConnectionId))
        {
            await chat.BroadcastPresenceAsync(groupId, Context.ConnectionAborted);
        }

        var read = (await chat.ReadStateAsync(groupId, user, Context.ConnectionAborted)).Value!;
        return new JoinGroupResult(groupId, await chat.OnlineAsync(groupId, Context.ConnectionAborted), read.LastReadMessageId, read.UnreadCount);
    }

    public async Task LeaveGroup(Guid groupId)
    {
        if (connections.Leave(Context.ConnectionId, groupId) is { } me)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupChat.Channel(groupId));
            if (await presence.LeaveAsync(groupId, me, Context.ConnectionId))
            {
                await chat.BroadcastPresenceAsync(groupId, Context.ConnectionAborted);
            }
        }
    }

    public Task<GroupMessageResponse> SendMessage(Guid groupId, string text) => SendMessageWithImages(groupId, text, null);

    /// <summary>
    /// <c>SendMessage</c> with up to four uploaded images (<c>POST /api/v1/groups/{id}/attachments</c>); the text may be
    /// empty then. A separate name because SignalR binds hub methods by name and argument count (no overloads).
    /// </summary>
    public async Task<GroupMessageResponse> SendMessageWithImages(Guid groupId, string? text, Guid[]? attachmentIds)
    {
        var me = Context.User!.GetUserId();
        if (await chat.CheckRateAsync(me, Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString()) is { } tooMany)
        {
            throw new HubException($"rate-limited: {tooMany.ProblemDetails.Title} {tooMany.ProblemDetails.Detail}");
        }

        var result = await chat.SendAsync(groupId, text, attachmentIds, Context.User!, Context.ConnectionAborted);
        return result.Value ?? throw new HubException(result.ErrorText);
    }

    public async Task Typing(Guid groupId)
    {
        if (connections.Get(Context.ConnectionId) is not { } state || !state.Groups.ContainsKey(groupId))
        {
            throw new HubException("not-joined: Call JoinGroup first.");
        }

        if (await presence.TypingAsync(groupId, state.UserId))
        {
            await Clients.OthersInGroup(GroupChat.Channel(groupId)).SendAsync("typing", new TypingEvent(groupId, state.UserId, state.DisplayName));
        }
    }

    public async Task<GroupReadStateResponse> MarkRead(Guid groupId, Guid messageId)
    {
        var result = await chat.MarkReadAsync(groupId, messageId, Context.User!, Context.ConnectionAborted);
        return result.Value ?? throw new HubException(result.ErrorText);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (connections.Remove(Context.ConnectionId) is { } state)
        {
            foreach (var groupId in state.Groups.Keys)
            {
                try
                {
                    if (await presence.LeaveAsync(groupId, state.UserId, Context.ConnectionId))
                    {
                        await chat.BroadcastPresenceAsync(groupId, CancellationToken.None);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Presence store away (Redis down): the entry expires on its own.
                    logger.LogWarning(ex, "Could not update chat presence of group {GroupId} on disconnect", groupId);
                }
            }
        }

        await base.OnDisconnectedAsync(exception);
    }
}

/// <summary>This node's chat connections: who they are and which groups they joined (to refresh presence and check typing).</summary>
public sealed class ChatConnections
{
    private readonly ConcurrentDictionary<string, ChatConnection> _connections = new();

    public ChatConnection? Get(string connectionId) => _connections.GetValueOrDefault(connectionId);

    public string? DisplayName(string connectionId) => Get(connectionId)?.DisplayName;

    public void Join(string connectionId, Guid userId, string displayName, Guid groupId) =>
        _connections.GetOrAdd(connectionId, _ => new ChatConnection(userId, displayName)).Groups[groupId] = 0;

    /// <returns>The user when the connection had joined the group.</returns>
    public Guid? Leave(string connectionId, Guid groupId) =>
        _connections.TryGetValue(connectionId, out var state) && state.Groups.TryRemove(groupId, out _) ? state.UserId : null;

    public ChatConnection? Remove(string connectionId) => _connections.TryRemove(connectionId, out var state) ? state : null;

    public int Count => _connections.Count;

    public IReadOnlyCollection<(Guid GroupId, Guid UserId, string ConnectionId)> Entries() =>
        _connections.SelectMany(c => c.Value.Groups.Keys.Select(g => (g, c.Value.UserId, c.Key))).ToList();
}

public sealed record ChatConnection(Guid UserId, string DisplayName)
{
    public ConcurrentDictionary<Guid, byte> Groups { get; } = new();
}

/// <summary>
/// Every <see cref="ChatPresenceTimes.RefreshEvery"/>: keeps this node's presence entries alive (they expire if the node
/// dies) and takes connections out of chats their user no longer belongs to (left or removed through the REST API), so
/// a removed member stops receiving a group's messages within that interval even if nothing calls <see cref="GroupChat.EvictAsync"/>.
/// </summary>
public sealed class ChatPresenceRefresher(
    ChatConnections connections, IChatPresence presence, IServiceScopeFactory scopes, IHubContext<GroupsHub> hub, TimeProvider clock,
    ILogger<ChatPresenceRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ChatPresenceTimes.RefreshEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh chat presence");
            }
        }
    }

    /// <summary>One pass: drop connections whose user is no longer a member, refresh the rest.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var entries = connections.Entries();
        if (entries.Count == 0)
        {
            return;
        }

        var groupIds = entries.Select(e => e.GroupId).Distinct().ToList();
        var userIds = entries.Select(e => e.UserId).Distinct().ToList();
        HashSet<(Guid, Guid)> members;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SelahDbContext>();
            members = (await db.GroupMembers.AsNoTracking()
                .Where(m => !m.Pending && groupIds.Contains(m.GroupId) && userIds.Contains(m.UserId))
                .Select(m => new { m.GroupId, m.UserId }).ToListAsync(cancellationToken))
                .Select(m => (m.GroupId, m.UserId)).ToHashSet();
        }

        var stale = entries.Where(e => !members.Contains((e.GroupId, e.UserId))).ToList();
        foreach (var (groupId, userId, connectionId) in stale)
        {
            connections.Leave(connectionId, groupId);
            await hub.Groups.RemoveFromGroupAsync(connectionId, GroupChat.Channel(groupId), cancellationToken);
            await presence.LeaveAsync(groupId, userId, connectionId);
        }

        await presence.RefreshAsync(entries.Except(stale).ToList());
        foreach (var groupId in stale.Select(e => e.GroupId).Distinct())
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<GroupChat>().BroadcastPresenceAsync(groupId, cancellationToken);
        }
    }
}
