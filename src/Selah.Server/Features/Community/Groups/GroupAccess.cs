using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>
/// A group and the caller's membership (null when none; <see cref="GroupMember.Pending"/> for a join request);
/// <see cref="Invited"/> when a leader invited the caller directly.
/// </summary>
public sealed record GroupView(CommunityGroup Group, GroupMember? Membership, bool Invited = false)
{
    public bool IsMember => Membership is { Pending: false };

    public bool IsLeader => Membership is { Pending: false, Role: GroupRoles.Owner or GroupRoles.Leader };

    public bool IsOwner => Membership is { Pending: false, Role: GroupRoles.Owner };
}

/// <summary>
/// Private groups answer 404 to non-members (not 403), so their existence is not revealed; public groups are readable
/// by anyone signed in, but posting and chat need membership. A person a leader invited directly sees the group (not its
/// members, chat or posts) so they can decide.
/// </summary>
public static class GroupAccess
{
    public static async Task<GroupView?> FindAsync(SelahDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var group = await db.CommunityGroups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return null;
        }

        var me = user.TryGetUserId();
        var membership = me is { } id2 ? await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == id2, cancellationToken) : null;
        var invited = me is { } id3 && membership is not { Pending: false }
            && await db.GroupInvitations.AnyAsync(i => i.GroupId == id && i.UserId == id3, cancellationToken);
        var view = new GroupView(group, membership, invited);
        return group.IsPrivate && !view.IsMember && membership is null && !invited && !CommunityAccess.IsModerator(user) ? null : view;
    }
}
