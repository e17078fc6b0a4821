using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Moderation;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.PrayerRooms;

/// <summary>
/// Live prayer rooms for the REST API and the <c>/hubs/prayer-rooms</c> hub alike: access, first-pass moderation,
/// storage, then live delivery to the room's SignalR group (<see cref="Channel"/>) on every node. Held text goes only to
/// its author's connections. Live delivery is best effort: a failure is logged and the stored change stands.
/// </summary>
public sealed class LivePrayerRooms(
    SelahDbContext db, ContentModerator moderator, TimeProvider clock, IHubContext<PrayerRoomsHub> hub, IChatPresence presence, ILogger<LivePrayerRooms> logger)
{
    public const int MaxTextLength = 1000;
    public const int MaxRequests = 200;
    private const string MessageCursor = "room-messages";

    public static string Channel(Guid roomId) => "prayer:" + roomId.ToString("N");

    public async Task<ChatResult<PrayerRoomResponse>> CreateAsync(PrayerRoomCreateRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var title = request.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            return Problems.Field("title", "Title must not be empty.");
        }

        if (request.GroupId is { } groupId)
        {
            var (group, problem) = await PrayerRoomAccess.GroupAsync(db, groupId, user, "The group", cancellationToken);
            if (group is null)
            {
                return problem!;
            }
        }

        var room = new PrayerRoom { Title = title, HostId = user.GetUserId(), GroupId = request.GroupId, CreatedAt = clock.GetUtcNow() };
        db.PrayerRooms.Add(room);
        await db.SaveChangesAsync(cancellationToken);
        var (view, _) = await PrayerRoomAccess.FindAsync(db, room.Id, user, cancellationToken);
        return new(await ToResponseAsync(view!, user, cancellationToken), null);
    }

    public async Task<ChatResult<PrayerRoomResponse>> GetAsync(Guid roomId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, cancellationToken);
        return view is null ? problem! : new ChatResult<PrayerRoomResponse>(await ToResponseAsync(view, user, cancellationToken), null);
    }

    public async Task<ChatResult<PrayerRoomResponse>> CloseAsync(Guid roomId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (!view.CanClose)
        {
            return Problems.Forbidden("not-the-host", "Only the host, the group's leaders or a moderator may close the room.");
        }

        if (view.IsOpen)
        {
            view.Room.ClosedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await BroadcastAsync(hub.Clients.Group(Channel(roomId)), "roomClosed", new PrayerRoomClosedEvent(roomId, view.Room.ClosedAt.Value));
        }

        return new(await ToResponseAsync(view, user, cancellationToken), null);
    }

    /// <summary>
    /// The room's prayer list, oldest first: published requests and the caller's own held ones — the newest
    /// <paramref name="limit"/> (at most <see cref="MaxRequests"/>), or those before the request <paramref name="before"/> ("load more").
    /// </summary>
    public async Task<ChatResult<IReadOnlyList<PrayerRoomRequestResponse>>> RequestsAsync(
        Guid roomId, ClaimsPrincipal user, CancellationToken cancellationToken, Guid? before = null, int? limit = null)
    {
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (limit is < 1 or > MaxRequests)
        {
            return Problems.Field("limit", $"limit must be 1–{MaxRequests}.");
        }

        var me = user.GetUserId();
        var query = db.PrayerRoomRequests.AsNoTracking().Where(r => r.RoomId == roomId && (r.Status == ContentStatus.Published || r.AuthorId == me));
        if (before is { } older)
        {
            query = query.Where(r => r.Id.CompareTo(older) < 0);
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(limit ?? MaxRequests).ToListAsync(cancellationToken);
        rows.Reverse();
        return new(await ToResponsesAsync(rows, me, cancellationToken), null);
    }

    public async Task<ChatResult<PrayerRoomRequestResponse>> AddRequestAsync(Guid roomId, string? text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await OpenRoomAsync(roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (CheckText(text) is { } invalid)
        {
            return invalid;
        }

        var me = user.GetUserId();
        var trimmed = text!.Trim();
        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, trimmed, IsPost: false), CommunityAccess.IsModerator(user), cancellationToken);
        var request = new PrayerRoomRequest { RoomId = roomId, AuthorId = me, Text = trimmed, Status = verdict.Status, CreatedAt = clock.GetUtcNow() };
        db.PrayerRoomRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        var response = (await ToResponsesAsync([request], me, cancellationToken))[0];
        await BroadcastAsync(Audience(roomId, request.Status, me), "request", response with { IAmPraying = false });
        return new(response, null);
    }

    /// <summary>"I am praying for this": once per person; everyone in the room sees the new count.</summary>
    public async Task<ChatResult<PrayerRoomRequestResponse>> PrayingAsync(Guid roomId, Guid requestId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var me = user.GetUserId();
        var request = await db.PrayerRoomRequests.FirstOrDefaultAsync(
            r => r.Id == requestId && r.RoomId == roomId && (r.Status == ContentStatus.Published || r.AuthorId == me), cancellationToken);
        if (request is null)
        {
            return Problems.NotFound("The prayer request");
        }

        if (!await db.PrayerRoomPrayings.AnyAsync(p => p.RequestId == requestId && p.UserId == me, cancellationToken))
        {
            db.PrayerRoomPrayings.Add(new PrayerRoomPraying { RequestId = requestId, UserId = me, CreatedAt = clock.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // a second tab said the same at the same moment: once is enough
                request = await db.PrayerRoomRequests.FirstAsync(r => r.Id == requestId, cancellationToken);
            }

            request.PrayingCount = await db.PrayerRoomPrayings.CountAsync(p => p.RequestId == requestId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (request.Status == ContentStatus.Published)
            {
                await BroadcastAsync(hub.Clients.Group(Channel(roomId)), "praying", new PrayerRoomPrayingEvent(roomId, requestId, me, request.PrayingCount));
            }
        }

        return new((await ToResponsesAsync([request], me, cancellationToken))[0], null);
    }

    /// <summary>Pins a published request of the room, or unpins (null). The host only.</summary>
    public async Task<ChatResult<PrayerRoomResponse>> PinAsync(Guid roomId, Guid? requestId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await OpenRoomAsync(roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (!view.IsHost)
        {
            return Problems.Forbidden("not-the-host", "Only the room's host may pin a request.");
        }

        PrayerRoomRequest? request = null;
        if (requestId is { } id)
        {
            request = await db.PrayerRoomRequests.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Id == id && r.RoomId == roomId && r.Status == ContentStatus.Published, cancellationToken);
            if (request is null)
            {
                return Problems.Field("requestId", "No such request on this room's prayer list.");
            }
        }

        view.Room.PinnedRequestId = requestId;
        await db.SaveChangesAsync(cancellationToken);
        var pinned = request is null ? null : (await ToResponsesAsync([request], null, cancellationToken))[0];
        await BroadcastAsync(hub.Clients.Group(Channel(roomId)), "pinned", new PrayerRoomPinnedEvent(roomId, pinned));
        return new(await ToResponseAsync(view, user, cancellationToken), null);
    }

    public async Task<ChatResult<CommunityPage<PrayerRoomMessageResponse>>> MessagesAsync(
        Guid roomId, string? cursor, int? pageSize, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (!CatalogQueries.TryLimit(pageSize, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        Guid? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!CatalogCursor.TryDecode(cursor, MessageCursor, out var decoded))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            before = decoded.Id;
        }

        var me = user.GetUserId();
        var rows = db.PrayerRoomMessages.AsNoTracking()
            .Where(m => m.RoomId == roomId && m.DeletedAt == null && (m.Status == ContentStatus.Published || m.AuthorId == me));
        if (before is { } b)
        {
            rows = rows.Where(m => m.Id.CompareTo(b) < 0);
        }

        var page = await rows.OrderByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var more = page.Count > limit;
        page = page.Take(limit).ToList();
        var names = await PostMapper.UserNamesAsync(db, page.Select(m => m.AuthorId).Distinct().ToList(), cancellationToken);
        return new(new CommunityPage<PrayerRoomMessageResponse>(page.Select(m => ToResponse(m, names)).ToList(),
            more ? CatalogCursor.For(MessageCursor, page[^1].Id).Encode() : null), null);
    }

    public async Task<ChatResult<PrayerRoomMessageResponse>> SendMessageAsync(Guid roomId, string? text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await OpenRoomAsync(roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (CheckText(text) is { } invalid)
        {
            return invalid;
        }

        var me = user.GetUserId();
        var trimmed = text!.Trim();
        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, trimmed, IsPost: false), CommunityAccess.IsModerator(user), cancellationToken);
        var message = new PrayerRoomMessage { RoomId = roomId, AuthorId = me, Text = trimmed, Status = verdict.Status, CreatedAt = clock.GetUtcNow() };
        db.PrayerRoomMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        var response = ToResponse(message, await PostMapper.UserNamesAsync(db, [me], cancellationToken));
        await BroadcastAsync(Audience(roomId, message.Status, me), "message", response);
        return new(response, null);
    }

    /// <summary>Edits the caller's own message (open rooms); the edit is moderated again and a held edit leaves everyone else's view.</summary>
    public async Task<ChatResult<PrayerRoomMessageResponse>> EditMessageAsync(
        Guid roomId, Guid messageId, string? text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await OpenRoomAsync(roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var me = user.GetUserId();
        var message = await FindMessageAsync(roomId, messageId, me, cancellationToken);
        if (message is null)
        {
            return Problems.NotFound("The message");
        }

        if (message.AuthorId != me)
        {
            return Problems.Forbidden("not-your-message", "Only the author may edit a message.");
        }

        if (CheckText(text) is { } invalid)
        {
            return invalid;
        }

        var wasPublished = message.Status == ContentStatus.Published;
        message.Text = text!.Trim();
        message.EditedAt = clock.GetUtcNow();
        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, message.Text, false, message.Id), CommunityAccess.IsModerator(user), cancellationToken);
        if (verdict.Held)
        {
            message.Status = ContentStatus.Held;
        }

        await db.SaveChangesAsync(cancellationToken);
        var response = ToResponse(message, await PostMapper.UserNamesAsync(db, [me], cancellationToken));
        if (message.Status == ContentStatus.Published)
        {
            await BroadcastAsync(hub.Clients.Group(Channel(roomId)), "messageEdited", response);
        }
        else
        {
            if (wasPublished)
            {
                await BroadcastAsync(hub.Clients.Group(Channel(roomId)), "messageDeleted", new PrayerRoomMessageDeletedEvent(roomId, message.Id));
            }

            await BroadcastAsync(Audience(roomId, message.Status, me), "messageEdited", response);
        }

        return new(response, null);
    }

    /// <summary>Deletes a message: its author, or the host, the group's leaders and moderators (also in a closed room).</summary>
    public async Task<ChatResult<bool>> DeleteMessageAsync(Guid roomId, Guid messageId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var me = user.GetUserId();
        var message = await FindMessageAsync(roomId, messageId, me, cancellationToken);
        if (message is null)
        {
            return Problems.NotFound("The message");
        }

        if (message.AuthorId != me && !view.CanClose)
        {
            return Problems.Forbidden("not-your-message", "Only the author, the host, the group's leaders or a moderator may delete a message.");
        }

        message.DeletedAt = clock.GetUtcNow();
        message.DeletedById = me;
        await db.SaveChangesAsync(cancellationToken);
        await BroadcastAsync(Audience(roomId, message.Status, message.AuthorId), "messageDeleted", new PrayerRoomMessageDeletedEvent(roomId, message.Id));
        return new(true, null);
    }

    /// <summary>A held request or message a moderator approved: the room sees it now, as if just sent.</summary>
    public async Task PublishApprovedAsync(PrayerRoomRequest? request, PrayerRoomMessage? message, CancellationToken cancellationToken)
    {
        if (request is not null)
        {
            var response = (await ToResponsesAsync([request], null, cancellationToken))[0];
            await BroadcastAsync(hub.Clients.Group(Channel(request.RoomId)), "request", response);
        }
        else if (message is not null)
        {
            await BroadcastAsync(hub.Clients.Group(Channel(message.RoomId)), "message",
                ToResponse(message, await PostMapper.UserNamesAsync(db, [message.AuthorId], cancellationToken)));
        }
    }

    /// <summary>Everyone in the room now, by name (the "now praying" list).</summary>
    public async Task<IReadOnlyList<CommunityUser>> PrayingNowAsync(Guid roomId, CancellationToken cancellationToken)
    {
        var ids = await presence.OnlineAsync(roomId);
        var names = await PostMapper.UserNamesAsync(db, ids, cancellationToken);
        return ids.Where(names.ContainsKey).Select(id => new CommunityUser(id, names[id])).OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    public async Task BroadcastPresenceAsync(Guid roomId, CancellationToken cancellationToken) =>
        await BroadcastAsync(hub.Clients.Group(Channel(roomId)), "presence", new PrayerRoomPresenceEvent(roomId, await PrayingNowAsync(roomId, cancellationToken)));

    public async Task<PrayerRoomResponse> ToResponseAsync(PrayerRoomView view, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var room = view.Room;
        PrayerRoomRequestResponse? pinned = null;
        if (room.PinnedRequestId is { } pinnedId
            && await db.PrayerRoomRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == pinnedId && r.Status == ContentStatus.Published, cancellationToken) is { } request)
        {
            pinned = (await ToResponsesAsync([request], user.GetUserId(), cancellationToken))[0];
        }

        var names = await PostMapper.UserNamesAsync(db, [room.HostId], cancellationToken);
        return new PrayerRoomResponse(room.Id, room.Title, new CommunityUser(room.HostId, names.GetValueOrDefault(room.HostId, "")),
            view.Group is { } g ? new PrayerRoomGroup(g.Id, g.Name) : null, view.IsOpen, view.IsHost, pinned, room.CreatedAt, room.ClosedAt, view.CanClose);
    }

    public async Task<List<PrayerRoomRequestResponse>> ToResponsesAsync(IReadOnlyList<PrayerRoomRequest> rows, Guid? me, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.Id).ToList();
        var mine = me is { } id
            ? (await db.PrayerRoomPrayings.AsNoTracking().Where(p => p.UserId == id && ids.Contains(p.RequestId)).Select(p => p.RequestId).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        var names = await PostMapper.UserNamesAsync(db, rows.Select(r => r.AuthorId).Distinct().ToList(), cancellationToken);
        return rows.Select(r => new PrayerRoomRequestResponse(r.Id, r.RoomId, new CommunityUser(r.AuthorId, names.GetValueOrDefault(r.AuthorId, "")), r.Text,
            r.Status, r.PrayingCount, mine.Contains(r.Id), r.CreatedAt)).ToList();
    }

    private static PrayerRoomMessageResponse ToResponse(PrayerRoomMessage m, IReadOnlyDictionary<Guid, string> names) =>
        new(m.Id, m.RoomId, new CommunityUser(m.AuthorId, names.GetValueOrDefault(m.AuthorId, "")), m.Text, m.Status, m.CreatedAt, m.EditedAt);

    /// <summary>A message of the room that is not deleted and that the caller may see (published, or their own held one).</summary>
    private Task<PrayerRoomMessage?> FindMessageAsync(Guid roomId, Guid messageId, Guid me, CancellationToken cancellationToken) =>
        db.PrayerRoomMessages.FirstOrDefaultAsync(
            m => m.Id == messageId && m.RoomId == roomId && m.DeletedAt == null && (m.Status == ContentStatus.Published || m.AuthorId == me), cancellationToken);

    private async Task<(PrayerRoomView? View, ProblemHttpResult? Problem)> OpenRoomAsync(Guid roomId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (view, problem) = await PrayerRoomAccess.FindAsync(db, roomId, user, cancellationToken);
        if (view is { IsOpen: false })
        {
            return (null, Problems.Conflict("room-closed", "This prayer room is closed."));
        }

        return (view, problem);
    }

    /// <summary>Published text goes to the whole room; held text only to its author's connections.</summary>
    private IClientProxy Audience(Guid roomId, string status, Guid author) =>
        status == ContentStatus.Published ? hub.Clients.Group(Channel(roomId)) : hub.Clients.User(Infrastructure.Realtime.RealtimeExtensions.UserKey(author));

    private static ValidationProblem? CheckText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Problems.Field("text", "Text must not be empty.");
        }

        return text.Length > MaxTextLength ? Problems.Field("text", $"Text must be 1–{MaxTextLength} characters.") : null;
    }

    private async Task BroadcastAsync(IClientProxy clients, string method, object payload)
    {
        try
        {
            await clients.SendAsync(method, payload);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Live delivery of prayer room {Method} failed; the change is stored", method);
        }
    }
}
