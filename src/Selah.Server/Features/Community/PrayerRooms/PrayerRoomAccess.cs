using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.PrayerRooms;

/// <summary>A room as the caller may see it: <see cref="IsHost"/> pins; <see cref="CanClose"/> (host, group leaders, moderators) closes.</summary>
public sealed record PrayerRoomView(PrayerRoom Room, CommunityGroup? Group, bool IsHost, bool CanClose)
{
    public bool IsOpen => Room.ClosedAt is null;
}

/// <summary>
/// Who may enter a room: anyone signed in for a community-wide room; for a group's room its members (and moderators).
/// A private group's room is 404 to everyone else, a public group's 403 <c>not-a-member</c>, like the group's chat.
/// </summary>
public static class PrayerRoomAccess
{
    public static async Task<(PrayerRoomView? View, ProblemHttpResult? Problem)> FindAsync(
        SelahDbContext db, Guid roomId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var room = await db.PrayerRooms.FirstOrDefaultAsync(r => r.Id == roomId, cancellationToken);
        if (room is null)
        {
            return (null, Problems.NotFound("The prayer room"));
        }

        var me = user.GetUserId();
        var moderator = CommunityAccess.IsModerator(user);
        if (room.GroupId is not { } groupId)
        {
            return (new PrayerRoomView(room, null, room.HostId == me, room.HostId == me || moderator), null);
        }

        var (group, problem) = await GroupAsync(db, groupId, user, "The prayer room", cancellationToken);
        if (group is null)
        {
            return (null, problem);
        }

        return (new PrayerRoomView(room, group.Group, room.HostId == me, room.HostId == me || group.IsLeader || moderator), null);
    }

    /// <summary>A group whose rooms the caller may use: members (and moderators); otherwise 404 (private) or 403 (public).</summary>
    public static async Task<(GroupView? Group, ProblemHttpResult? Problem)> GroupAsync(
        SelahDbContext db, Guid groupId, ClaimsPrincipal user, string what, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, groupId, user, cancellationToken);
        if (view is null || (view.Group.IsPrivate && !view.IsMember && !CommunityAccess.IsModerator(user)))
        {
            return (null, Problems.NotFound(what));
        }

        if (!view.IsMember && !CommunityAccess.IsModerator(user))
        {
            return (null, Problems.Forbidden("not-a-member", "Join the group to pray in its rooms."));
        }

        return (view, null);
    }
}
