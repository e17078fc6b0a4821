using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>A group and the caller's membership (null when none; <see cref="GroupMember.Pending"/> for a join request).</summary>
public sealed record GroupView(CommunityGroup Group, GroupMember? Membership)
{
    public bool IsMember => Membership is { Pending: false };

    public bool IsLeader => Membership is { Pending: false, Role: GroupRoles.Owner or GroupRoles.Leader };

    public bool IsOwner => Membership is { Pending: false, Role: GroupRoles.Owner };
}

/// <summary>
/// Private groups answer 404 to non-members (not 403), so their existence is not revealed; public groups are readable
/// by anyone signed in, but posting and chat need membership.
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
        var view = new GroupView(group, membership);
        return group.IsPrivate && !view.IsMember && membership is null && !CommunityAccess.IsModerator(user) ? null : view;
    }
}
