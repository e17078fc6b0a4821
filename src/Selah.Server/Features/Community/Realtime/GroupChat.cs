using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Moderation;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Realtime;

/// <summary>The outcome of a chat operation: a value, or the problem (a <see cref="ProblemHttpResult"/> or a <see cref="ValidationProblem"/>).</summary>
public sealed record ChatResult<T>(T? Value, IResult? Error)
{
    public static implicit operator ChatResult<T>(ProblemHttpResult problem) => new(default, problem);

    public static implicit operator ChatResult<T>(ValidationProblem problem) => new(default, problem);

    /// <summary>The problem as a hub error text: <c>&lt;problem name&gt;: &lt;title&gt;</c>, or <c>validation: &lt;field&gt;: &lt;message&gt;</c>.</summary>
    public string ErrorText => Error switch
    {
        ProblemHttpResult p => $"{p.ProblemDetails.Type?.Replace(Problems.Type(""), "", StringComparison.Ordinal)}: {p.ProblemDetails.Title}",
        ValidationProblem v => "validation: " + string.Join("; ", v.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")),
        _ => "error",
    };
}

/// <summary>
/// Group chat for the REST API and the <c>/hubs/groups</c> hub alike: one code path for membership, moderation and
/// persistence, then live delivery to the group's SignalR group (<see cref="Channel"/>) on every node. Live delivery
/// is best effort: a failure (Redis away) is logged, the stored message stands and the caller still gets it.
/// Held messages go only to their author's connections until a moderator approves them (<see cref="PublishApprovedAsync"/>).
/// </summary>
public sealed class GroupChat(
    SelahDbContext db, ContentModerator moderator, TimeProvider clock, IHubContext<GroupsHub> hub, IChatPresence presence,
    IRateLimitCounter counter, IOptionsMonitor<RateLimitOptions> limits, ILogger<GroupChat> logger)
{
    public const int MaxTextLength = 4000;

    /// <summary>The SignalR group of a chat.</summary>
    public static string Channel(Guid groupId) => "chat:" + groupId.ToString("N");

    public Task<ChatResult<GroupMessageResponse>> SendAsync(Guid groupId, string? text, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        SendAsync(groupId, text, null, user, cancellationToken);

    /// <summary>Sends a message with up to four of the caller's uploaded images (<see cref="ChatImages.ClaimAsync"/>); the text may then be empty.</summary>
    public async Task<ChatResult<GroupMessageResponse>> SendAsync(
        Guid groupId, string? text, IReadOnlyList<Guid>? attachmentIds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, groupId, user, cancellationToken);
        if (view is null || (!view.IsMember && view.Group.IsPrivate))
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsMember)
        {
            return Problems.Forbidden("not-a-member", "Join the group to chat.");
        }

        var (images, badImages) = await ChatImages.ClaimAsync(db, groupId, me, attachmentIds, clock.GetUtcNow(), cancellationToken);
        if (badImages is not null)
        {
            return badImages;
        }

        if (CheckText(text, allowEmpty: images.Count > 0) is { } invalid)
        {
            return invalid;
        }

        var trimmed = text?.Trim() ?? "";
        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, trimmed, IsPost: false), CommunityAccess.IsModerator(user), cancellationToken);
        var message = new GroupMessage { GroupId = groupId, AuthorId = me, Text = trimmed, Status = verdict.Status, CreatedAt = clock.GetUtcNow() };
        db.GroupMessages.Add(message);
        for (var i = 0; i < images.Count; i++)
        {
            images[i].MessageId = message.Id;
            images[i].Position = i;
        }

        await db.SaveChangesAsync(cancellationToken);
        var response = await ResponseAsync(message, cancellationToken);
        if (message.Status == ContentStatus.Published)
        {
            await BroadcastAsync(hub.Clients.Group(Channel(groupId)), "message", response);
        }
        else
        {
            await BroadcastAsync(hub.Clients.User(RealtimeKey(me)), "message", response);
        }

        return new(response, null);
    }

    public async Task<ChatResult<GroupMessageResponse>> EditAsync(
        Guid groupId, Guid messageId, string? text, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var (message, problem) = await FindAsync(groupId, messageId, user, cancellationToken);
        if (message is null)
        {
            return problem!;
        }

        if (message.AuthorId != me)
        {
            return Problems.Forbidden("not-your-message", "Only the author may edit a message.");
        }

        if (CheckText(text, allowEmpty: await db.GroupMessageImages.AnyAsync(i => i.MessageId == message.Id, cancellationToken)) is { } invalid)
        {
            return invalid;
        }

        var wasPublished = message.Status == ContentStatus.Published;
        message.Text = text?.Trim() ?? "";
        message.EditedAt = clock.GetUtcNow();
        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, message.Text, false, message.Id), CommunityAccess.IsModerator(user), cancellationToken);
        if (verdict.Held)
        {
            message.Status = ContentStatus.Held;
        }

        await db.SaveChangesAsync(cancellationToken);
        var response = await ResponseAsync(message, cancellationToken);
        if (message.Status == ContentStatus.Published)
        {
            await BroadcastAsync(hub.Clients.Group(Channel(groupId)), "messageEdited", response);
        }
        else
        {
            if (wasPublished)
            {
                await BroadcastAsync(hub.Clients.Group(Channel(groupId)), "messageDeleted", new MessageDeletedEvent(groupId, message.Id));
            }

            await BroadcastAsync(hub.Clients.User(RealtimeKey(me)), "messageEdited", response);
        }

        return new(response, null);
    }

    public async Task<ChatResult<bool>> DeleteAsync(Guid groupId, Guid messageId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var (message, problem) = await FindAsync(groupId, messageId, user, cancellationToken);
        if (message is null)
        {
            return problem!;
        }

        var view = (await GroupAccess.FindAsync(db, groupId, user, cancellationToken))!;
        if (message.AuthorId != me && !view.IsLeader && !CommunityAccess.IsModerator(user))
        {
            return Problems.Forbidden("not-your-message", "Only the author or a group leader may delete a message.");
        }

        message.DeletedAt = clock.GetUtcNow();
        message.DeletedById = me;
        await db.SaveChangesAsync(cancellationToken);
        var deleted = new MessageDeletedEvent(groupId, message.Id);
        await BroadcastAsync(message.Status == ContentStatus.Published ? hub.Clients.Group(Channel(groupId)) : hub.Clients.User(RealtimeKey(message.AuthorId)),
            "messageDeleted", deleted);
        return new(true, null);
    }

    /// <summary>The caller's read marker and unread count (members only).</summary>
    public async Task<ChatResult<GroupReadStateResponse>> ReadStateAsync(Guid groupId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, groupId, user, cancellationToken);
        if (view is null || !view.IsMember)
        {
            return Problems.NotFound("The group");
        }

        return new(await ReadStateAsync(groupId, user.GetUserId(), cancellationToken), null);
    }

    /// <summary>Unread counts of every group the caller is a member of.</summary>
    public async Task<List<GroupReadStateResponse>> ReadStatesAsync(Guid me, CancellationToken cancellationToken)
    {
        var groups = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == me && !m.Pending).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var result = new List<GroupReadStateResponse>(groups.Count);
        foreach (var groupId in groups.Order())
        {
            result.Add(await ReadStateAsync(groupId, me, cancellationToken));
        }

        return result;
    }

    /// <summary>Moves the caller's read marker forward to <paramref name="messageId"/> and tells the group (<c>read</c>).</summary>
    public async Task<ChatResult<GroupReadStateResponse>> MarkReadAsync(Guid groupId, Guid messageId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, groupId, user, cancellationToken);
        if (view is null || !view.IsMember)
        {
            return Problems.NotFound("The group");
        }

        var exists = await db.GroupMessages.AnyAsync(
            m => m.Id == messageId && m.GroupId == groupId && (m.Status == ContentStatus.Published || m.AuthorId == me), cancellationToken);
        if (!exists)
        {
            return Problems.Field("messageId", "No such message in this group.");
        }

        var marker = await db.GroupReadMarkers.FirstOrDefaultAsync(r => r.GroupId == groupId && r.UserId == me, cancellationToken);
        var moved = false;
        if (marker is null)
        {
            db.GroupReadMarkers.Add(new GroupReadMarker { GroupId = groupId, UserId = me, MessageId = messageId, UpdatedAt = clock.GetUtcNow() });
            moved = true;
        }
        else if (messageId.CompareTo(marker.MessageId) > 0)
        {
            marker.MessageId = messageId;
            marker.UpdatedAt = clock.GetUtcNow();
            moved = true;
        }

        if (moved)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two tabs marking read at once: the other insert won. Markers only move forward; try once more.
                db.ChangeTracker.Clear();
                return await MarkReadAsync(groupId, messageId, user, cancellationToken);
            }

            await BroadcastAsync(hub.Clients.Group(Channel(groupId)), "read", new ReadEvent(groupId, me, messageId));
        }

        return new(await ReadStateAsync(groupId, me, cancellationToken), null);
    }

    /// <summary>Broadcasts a message a moderator has just approved (call after saving the approval).</summary>
    public async Task PublishApprovedAsync(GroupMessage message, CancellationToken cancellationToken)
    {
        var response = await ResponseAsync(message, cancellationToken);
        await BroadcastAsync(hub.Clients.Group(Channel(message.GroupId)), "message", response);
    }

    /// <summary>Broadcasts a published message a moderator has just edited (call after saving the edit).</summary>
    public async Task PublishEditedAsync(GroupMessage message, CancellationToken cancellationToken)
    {
        var response = await ResponseAsync(message, cancellationToken);
        await BroadcastAsync(hub.Clients.Group(Channel(message.GroupId)), "messageEdited", response);
    }

    /// <summary>Tells the group a published message a moderator has just removed is gone (call after saving).</summary>
    public Task PublishRemovedAsync(GroupMessage message, CancellationToken cancellationToken) =>
        BroadcastAsync(hub.Clients.Group(Channel(message.GroupId)), "messageDeleted", new MessageDeletedEvent(message.GroupId, message.Id));

    /// <summary>
    /// Takes a person who left or was removed from a group out of its live chat on every node (their connections stop
    /// receiving its messages at once) and updates the presence list. Call after the membership is gone.
    /// </summary>
    public async Task EvictAsync(Guid groupId, Guid userId)
    {
        try
        {
            foreach (var connectionId in await presence.ConnectionsAsync(groupId, userId))
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, Channel(groupId));
                await presence.LeaveAsync(groupId, userId, connectionId);
            }

            await BroadcastPresenceAsync(groupId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not take user {UserId} out of the live chat of group {GroupId}", userId, groupId);
        }
    }

    /// <summary>The hub's share of the REST rate limit (<c>community-chat</c>): the same counters, per IP and per account.</summary>
    public async Task<ProblemHttpResult?> CheckRateAsync(Guid me, string? ip)
    {
        if (!limits.CurrentValue.Policies.TryGetValue(GroupMessagesApi.ChatPolicy, out var policy))
        {
            return null;
        }

        var window = TimeSpan.FromSeconds(Math.Max(1, policy.WindowSeconds));
        if (policy.PerIp > 0)
        {
            var (count, reset) = await counter.HitAsync($"{GroupMessagesApi.ChatPolicy}:ip:{ip ?? "local"}", window);
            if (count > policy.PerIp)
            {
                return TooMany(reset);
            }
        }

        if (policy.PerAccount > 0)
        {
            var (count, reset) = await counter.HitAsync($"{GroupMessagesApi.ChatPolicy}:acct:{me.ToString().ToUpperInvariant()}", window);
            if (count > policy.PerAccount)
            {
                return TooMany(reset);
            }
        }

        return null;
    }

    public async Task<IReadOnlyList<CommunityUser>> OnlineAsync(Guid groupId, CancellationToken cancellationToken)
    {
        var ids = await presence.OnlineAsync(groupId);
        var names = await PostMapper.UserNamesAsync(db, ids, cancellationToken);
        return ids.Where(names.ContainsKey).Select(id => new CommunityUser(id, names[id])).OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).ToList();
    }

    public async Task BroadcastPresenceAsync(Guid groupId, CancellationToken cancellationToken) =>
        await BroadcastAsync(hub.Clients.Group(Channel(groupId)), "presence", new PresenceEvent(groupId, await OnlineAsync(groupId, cancellationToken)));

    /// <summary>The record of <paramref name="m"/>; <paramref name="images"/> from <see cref="ChatImages.ForMessagesAsync"/> (none for a deleted message).</summary>
    public static GroupMessageResponse ToResponse(GroupMessage m, IReadOnlyDictionary<Guid, string> names, ILookup<Guid, ChatImageResponse> images)
    {
        var deleted = m.DeletedAt is not null;
        return new GroupMessageResponse(m.Id, m.GroupId, deleted ? null : new CommunityUser(m.AuthorId, names.GetValueOrDefault(m.AuthorId, "")),
            deleted ? "" : m.Text, m.Status, m.CreatedAt, m.EditedAt, deleted, deleted ? [] : images[m.Id].ToList());
    }

    private async Task<GroupMessageResponse> ResponseAsync(GroupMessage message, CancellationToken cancellationToken) =>
        ToResponse(message, await PostMapper.UserNamesAsync(db, [message.AuthorId], cancellationToken),
            await ChatImages.ForMessagesAsync(db, [message], cancellationToken));

    private static string RealtimeKey(Guid userId) => Infrastructure.Realtime.RealtimeExtensions.UserKey(userId);

    private async Task<GroupReadStateResponse> ReadStateAsync(Guid groupId, Guid me, CancellationToken cancellationToken)
    {
        var marker = await db.GroupReadMarkers.AsNoTracking().Where(r => r.GroupId == groupId && r.UserId == me)
            .Select(r => (Guid?)r.MessageId).FirstOrDefaultAsync(cancellationToken);
        var unread = db.GroupMessages.Where(m => m.GroupId == groupId && m.DeletedAt == null && m.Status == ContentStatus.Published && m.AuthorId != me);
        if (marker is { } after)
        {
            unread = unread.Where(m => m.Id.CompareTo(after) > 0);
        }

        return new GroupReadStateResponse(groupId, marker, await unread.CountAsync(cancellationToken));
    }

    private static ValidationProblem? CheckText(string? text, bool allowEmpty)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return allowEmpty ? null : Problems.Field("text", "Text must not be empty.");
        }

        return text.Length > MaxTextLength ? Problems.Field("text", $"Text must be 1–{MaxTextLength} characters.") : null;
    }

    private async Task<(GroupMessage? Message, ProblemHttpResult? Problem)> FindAsync(
        Guid groupId, Guid messageId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, groupId, user, cancellationToken);
        if (view is null || !view.IsMember)
        {
            return (null, Problems.NotFound("The group"));
        }

        var message = await db.GroupMessages.FirstOrDefaultAsync(
            m => m.Id == messageId && m.GroupId == groupId && m.DeletedAt == null && (m.Status == ContentStatus.Published || m.AuthorId == me), cancellationToken);
        return message is null ? (null, Problems.NotFound("The message")) : (message, null);
    }

    private static ProblemHttpResult TooMany(TimeSpan resetIn)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(resetIn.TotalSeconds));
        return Problems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", $"Try again in {seconds} seconds.");
    }

    private async Task BroadcastAsync(IClientProxy clients, string method, object payload)
    {
        try
        {
            await clients.SendAsync(method, payload);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Live delivery of {Method} failed; the change is stored and clients will see it when they reload", method);
        }
    }
}
