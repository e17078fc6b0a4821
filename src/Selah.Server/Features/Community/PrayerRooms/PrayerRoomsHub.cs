using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.PrayerRooms;

/// <summary>
/// <c>/hubs/prayer-rooms</c>: live prayer rooms. <c>JoinRoom</c> (same access as <c>GET /api/v1/prayer-rooms/{id}</c>)
/// answers the room, its prayer list and who is praying now, then the connection receives <c>message</c>,
/// <c>request</c>, <c>praying</c>, <c>pinned</c>, <c>presence</c> and <c>roomClosed</c>. <c>SendMessage</c>,
/// <c>AddRequest</c>, <c>Praying</c> and <c>PinRequest</c> (host only) share the REST code path (moderation, storage).
/// Errors are <see cref="HubException"/>s whose message starts with the problem name (<c>not-the-host: …</c>).
/// </summary>
[Authorize]
public sealed class PrayerRoomsHub(
    LivePrayerRooms rooms, PrayerRoomConnections connections, IChatPresence presence, GroupChat chat, SelahDbContext db, ILogger<PrayerRoomsHub> logger) : Hub
{
    public const string Path = "/hubs/prayer-rooms";

    public async Task<PrayerRoomJoinResult> JoinRoom(Guid roomId)
    {
        var user = Context.User!;
        var me = user.GetUserId();
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, Context.ConnectionAborted);
        if (view is null)
        {
            throw new HubException(new ChatResult<bool>(false, problem).ErrorText);
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, LivePrayerRooms.Channel(roomId), Context.ConnectionAborted);
        if (view.IsOpen)
        {
            var name = connections.Rooms.DisplayName(Context.ConnectionId)
                ?? (await PostMapper.UserNamesAsync(db, [me], Context.ConnectionAborted)).GetValueOrDefault(me, "");
            connections.Rooms.Join(Context.ConnectionId, me, name, roomId);
            if (await presence.JoinAsync(roomId, me, Context.ConnectionId))
            {
                await rooms.BroadcastPresenceAsync(roomId, Context.ConnectionAborted);
            }
        }

        var requests = (await rooms.RequestsAsync(roomId, user, Context.ConnectionAborted)).Value!;
        return new PrayerRoomJoinResult(await rooms.ToResponseAsync(view, user, Context.ConnectionAborted), requests,
            await rooms.PrayingNowAsync(roomId, Context.ConnectionAborted));
    }

    public async Task LeaveRoom(Guid roomId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, LivePrayerRooms.Channel(roomId));
        if (connections.Rooms.Leave(Context.ConnectionId, roomId) is { } me && await presence.LeaveAsync(roomId, me, Context.ConnectionId))
        {
            await rooms.BroadcastPresenceAsync(roomId, Context.ConnectionAborted);
        }
    }

    public async Task<PrayerRoomMessageResponse> SendMessage(Guid roomId, string text)
    {
        await CheckRateAsync();
        var result = await rooms.SendMessageAsync(roomId, text, Context.User!, Context.ConnectionAborted);
        return result.Value ?? throw new HubException(result.ErrorText);
    }

    public async Task<PrayerRoomRequestResponse> AddRequest(Guid roomId, string text)
    {
        await CheckRateAsync();
        var result = await rooms.AddRequestAsync(roomId, text, Context.User!, Context.ConnectionAborted);
        return result.Value ?? throw new HubException(result.ErrorText);
    }

    public async Task<PrayerRoomRequestResponse> Praying(Guid roomId, Guid requestId)
    {
        var result = await rooms.PrayingAsync(roomId, requestId, Context.User!, Context.ConnectionAborted);
        return result.Value ?? throw new HubException(result.ErrorText);
    }

    public async Task<PrayerRoomResponse> PinRequest(Guid roomId, Guid? requestId)
    {
        var result = await rooms.PinAsync(roomId, requestId, Context.User!, Context.ConnectionAborted);
        return result.Value ?? throw new HubException(result.ErrorText);
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (connections.Rooms.Remove(Context.ConnectionId) is { } state)
        {
            foreach (var roomId in state.Groups.Keys)
            {
                try
                {
                    if (await presence.LeaveAsync(roomId, state.UserId, Context.ConnectionId))
                    {
                        await rooms.BroadcastPresenceAsync(roomId, CancellationToken.None);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Could not update the presence of prayer room {RoomId} on disconnect", roomId);
                }
            }
        }

        await base.OnDisconnectedAsync(exception);
    }

    // The same per-account and per-IP counters as chat messages.
    private async Task CheckRateAsync()
    {
        if (await chat.CheckRateAsync(Context.User!.GetUserId(), Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString()) is { } tooMany)
        {
            throw new HubException($"rate-limited: {tooMany.ProblemDetails.Title} {tooMany.ProblemDetails.Detail}");
        }
    }
}

/// <summary>This node's prayer-room connections (who, which rooms), kept apart from the group chat's.</summary>
public sealed class PrayerRoomConnections
{
    public ChatConnections Rooms { get; } = new();
}

/// <summary>Keeps this node's "now praying" entries alive (they expire on their own if the node dies).</summary>
public sealed class PrayerRoomPresenceRefresher(PrayerRoomConnections connections, IChatPresence presence, TimeProvider clock,
    ILogger<PrayerRoomPresenceRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ChatPresenceTimes.RefreshEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var entries = connections.Rooms.Entries();
                if (entries.Count > 0)
                {
                    await presence.RefreshAsync(entries);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh prayer room presence");
            }
        }
    }
}
