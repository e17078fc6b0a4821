using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>
/// Church groups: create (the creator is the owner), list, get, join (public: at once; private: a request leaders approve;
/// or an invite link token), members and roles, leave/remove. Private groups are 404 to non-members. The group feed and
/// prayer list are <c>GET /api/v1/posts?group=&lt;id&gt;</c> (and <c>&amp;type=prayerRequest</c>).
/// </summary>
public static class GroupsApi
{
    private const string CursorSort = "groups";

    public static void MapGroupsApi(RouteGroupBuilder groups)
    {
        groups.MapPost("/", CreateAsync).WithName("CreateGroup").WithSummary("Create a group; you become its owner.");
        groups.MapGet("/", ListAsync).WithName("ListGroups").WithSummary("Public groups and the caller's groups, newest first.");
        groups.MapGet("/{id:guid}", GetAsync).WithName("GetGroup").WithSummary("One group (private groups: members only, else 404).");
        groups.MapPatch("/{id:guid}", UpdateAsync).WithName("UpdateGroup").WithSummary("Rename, describe, make private or public (owner and leaders).");
        groups.MapPost("/{id:guid}/members", JoinAsync).WithName("JoinGroup")
            .WithSummary("Join a public group (empty body), ask to join a private one, or join with an invite token.");
        groups.MapGet("/{id:guid}/members", MembersAsync).WithName("ListGroupMembers").WithSummary("Members (or, for leaders, pending requests).");
        groups.MapPost("/{id:guid}/members/{userId:guid}/approve", ApproveAsync).WithName("ApproveGroupMember").WithSummary("Approve a join request (leaders).");
        groups.MapPut("/{id:guid}/members/{userId:guid}/role", SetRoleAsync).WithName("SetGroupMemberRole").WithSummary("Make a member a leader or back (owner).");
        groups.MapDelete("/{id:guid}/members/{userId:guid}", RemoveMemberAsync).WithName("RemoveGroupMember")
            .WithSummary("Leave a group, decline a request or remove a member (leaders; the owner cannot leave).");
        groups.MapPost("/{id:guid}/invite", CreateInviteAsync).WithName("CreateGroupInvite").WithSummary("Create a new invite link token (leaders); old ones stop working.");
    }

    public static async Task<Results<Created<GroupResponse>, ValidationProblem>> CreateAsync(
        GroupCreateRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var name = request.Name.Trim();
        if (name.Length == 0)
        {
            return Problems.Field("name", "Name must not be empty.");
        }

        var now = clock.GetUtcNow();
        var group = new CommunityGroup
        {
            Name = name, Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(), IsPrivate = request.IsPrivate,
            OwnerId = me, MemberCount = 1, CreatedAt = now,
        };
        db.CommunityGroups.Add(group);
        var membership = new GroupMember { GroupId = group.Id, UserId = me, Role = GroupRoles.Owner, CreatedAt = now };
        db.GroupMembers.Add(membership);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/groups/{group.Id}", ToResponse(new GroupView(group, membership)));
    }

    public static async Task<Results<Ok<CommunityPage<GroupResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] GroupListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var groups = query.Mine == true
            ? db.CommunityGroups.Where(g => db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == me && !m.Pending))
            : db.CommunityGroups.Where(g => !g.IsPrivate || db.GroupMembers.Any(m => m.GroupId == g.Id && m.UserId == me)
                || db.GroupInvitations.Any(i => i.GroupId == g.Id && i.UserId == me));
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, CursorSort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var after = cursor.Id;
            groups = groups.Where(g => g.Id.CompareTo(after) < 0);
        }

        var page = await groups.AsNoTracking().OrderByDescending(g => g.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For(CursorSort, page[limit - 1].Id).Encode() : null;
        page = page.Take(limit).ToList();
        var ids = page.Select(g => g.Id).ToList();
        var mine = await db.GroupMembers.AsNoTracking().Where(m => m.UserId == me && ids.Contains(m.GroupId)).ToDictionaryAsync(m => m.GroupId, cancellationToken);
        var invited = (await db.GroupInvitations.AsNoTracking().Where(i => i.UserId == me && ids.Contains(i.GroupId)).Select(i => i.GroupId).ToListAsync(cancellationToken)).ToHashSet();
        return TypedResults.Ok(new CommunityPage<GroupResponse>(
            page.Select(g => ToResponse(new GroupView(g, mine.GetValueOrDefault(g.Id), invited.Contains(g.Id) && mine.GetValueOrDefault(g.Id) is not { Pending: false }))).ToList(), next));
    }

    public static async Task<Results<Ok<GroupResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        return view is null ? Problems.NotFound("The group") : TypedResults.Ok(ToResponse(view));
    }

    public static async Task<Results<Ok<GroupResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, GroupUpdateRequest request, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only the group's owner and leaders may change it.");
        }

        if (request.Name is { } name)
        {
            if (name.Trim().Length == 0)
            {
                return Problems.Field("name", "Name must not be empty.");
            }

            view.Group.Name = name.Trim();
        }

        if (request.Description is { } description)
        {
            view.Group.Description = description.Trim().Length == 0 ? null : description.Trim();
        }

        view.Group.IsPrivate = request.IsPrivate ?? view.Group.IsPrivate;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(view));
    }

    public static async Task<Results<Ok<GroupJoinResponse>, Accepted<GroupJoinResponse>, ValidationProblem, ProblemHttpResult>> JoinAsync(
        Guid id, GroupJoinRequest? request, ClaimsPrincipal user, SelahDbContext db, CommunityNotifier notifier, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var group = await db.CommunityGroups.FirstOrDefaultAsync(g => g.Id == id, cancellationToken);
        var token = request?.InviteToken;
        var invited = group is not null && !string.IsNullOrEmpty(token) && group.InviteToken is { } valid
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(valid));
        var existing = group is null ? null : await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == me, cancellationToken);
        var invitation = group is null ? null : await db.GroupInvitations.FirstOrDefaultAsync(i => i.GroupId == id && i.UserId == me, cancellationToken);
        if (invitation is not null)
        {
            db.GroupInvitations.Remove(invitation); // joining by any way uses the invitation up
            invited = true;
        }

        if (group is null || (group.IsPrivate && !invited && existing is null && !string.IsNullOrEmpty(token)))
        {
            return Problems.NotFound("The group"); // a wrong token reveals nothing about a private group
        }

        if (existing is { Pending: false })
        {
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(new GroupJoinResponse(id, "member", existing.Role));
        }

        var now = clock.GetUtcNow();
        if (!group.IsPrivate || invited)
        {
            if (existing is null)
            {
                db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = me, CreatedAt = now });
            }
            else
            {
                existing.Pending = false;
                existing.CreatedAt = now;
            }

            group.MemberCount++;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(new GroupJoinResponse(id, "member", GroupRoles.Member));
        }

        if (existing is null)
        {
            db.GroupMembers.Add(new GroupMember { GroupId = id, UserId = me, Pending = true, CreatedAt = now });
            var leaders = await db.GroupMembers.Where(m => m.GroupId == id && !m.Pending && (m.Role == GroupRoles.Owner || m.Role == GroupRoles.Leader))
                .Select(m => m.UserId).ToListAsync(cancellationToken);
            foreach (var leader in leaders)
            {
                await notifier.NotifyAsync(db, new CommunityNotice(leader, NotificationTypes.GroupJoinRequest, $"join:{id}", me, id, "group", group.Name), me, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Accepted($"/api/v1/groups/{id}", new GroupJoinResponse(id, "pending", null));
    }

    public static async Task<Results<Ok<CommunityPage<GroupMemberResponse>>, ValidationProblem, ProblemHttpResult>> MembersAsync(
        Guid id, [AsParameters] GroupMemberListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || (view.Group.IsPrivate && !view.IsMember && !CommunityAccess.IsModerator(user)))
        {
            return Problems.NotFound("The group");
        }

        var pending = query.Pending == true;
        if (pending && !view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only leaders see join requests.");
        }

        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var rows = db.GroupMembers.AsNoTracking().Where(m => m.GroupId == id && m.Pending == pending);
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, "members", out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var after = cursor.Id;
            rows = rows.Where(m => m.UserId.CompareTo(after) > 0);
        }

        var page = await rows.OrderBy(m => m.UserId).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For("members", page[limit - 1].UserId).Encode() : null;
        page = page.Take(limit).ToList();
        var names = await PostMapper.UserNamesAsync(db, page.Select(m => m.UserId).ToList(), cancellationToken);
        return TypedResults.Ok(new CommunityPage<GroupMemberResponse>(
            page.Select(m => new GroupMemberResponse(new CommunityUser(m.UserId, names.GetValueOrDefault(m.UserId, "")), m.Role, m.Pending, m.CreatedAt)).ToList(), next));
    }

    public static async Task<Results<Ok<GroupMemberResponse>, ProblemHttpResult>> ApproveAsync(
        Guid id, Guid userId, ClaimsPrincipal user, SelahDbContext db, CommunityNotifier notifier, TimeProvider clock, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only leaders approve join requests.");
        }

        var request = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken);
        if (request is null)
        {
            return Problems.NotFound("The join request");
        }

        if (request.Pending)
        {
            request.Pending = false;
            request.CreatedAt = clock.GetUtcNow();
            view.Group.MemberCount++;
            var me = user.GetUserId();
            await notifier.NotifyAsync(db, new CommunityNotice(userId, NotificationTypes.GroupJoinApproved, $"joined:{id}", me, id, "group", view.Group.Name), me, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        var names = await PostMapper.UserNamesAsync(db, [userId], cancellationToken);
        return TypedResults.Ok(new GroupMemberResponse(new CommunityUser(userId, names.GetValueOrDefault(userId, "")), request.Role, false, request.CreatedAt));
    }

    public static async Task<Results<Ok<GroupMemberResponse>, ValidationProblem, ProblemHttpResult>> SetRoleAsync(
        Guid id, Guid userId, GroupRoleRequest request, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsOwner)
        {
            return Problems.Forbidden("not-the-owner", "Only the owner changes roles.");
        }

        var member = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId && !m.Pending, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("The member");
        }

        if (member.Role == GroupRoles.Owner)
        {
            return Problems.Conflict("owner-role", "The owner's role cannot change.");
        }

        member.Role = request.Role;
        await db.SaveChangesAsync(cancellationToken);
        var names = await PostMapper.UserNamesAsync(db, [userId], cancellationToken);
        return TypedResults.Ok(new GroupMemberResponse(new CommunityUser(userId, names.GetValueOrDefault(userId, "")), member.Role, false, member.CreatedAt));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(
        Guid id, Guid userId, ClaimsPrincipal user, SelahDbContext db, GroupChat chat, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        var member = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == id && m.UserId == userId, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("The member");
        }

        if (userId != me && !view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only leaders remove members.");
        }

        if (member.Role == GroupRoles.Owner)
        {
            return Problems.Conflict("owner-cannot-leave", "The owner cannot leave or be removed.");
        }

        if (member.Role == GroupRoles.Leader && userId != me && !view.IsOwner)
        {
            return Problems.Forbidden("not-the-owner", "Only the owner removes leaders.");
        }

        db.GroupMembers.Remove(member);
        if (!member.Pending)
        {
            view.Group.MemberCount = Math.Max(0, view.Group.MemberCount - 1);
        }

        await db.SaveChangesAsync(cancellationToken);
        await chat.EvictAsync(id, userId); // their open chat connections stop receiving at once, on every node
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<GroupInviteResponse>, ProblemHttpResult>> CreateInviteAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only leaders create invite links.");
        }

        view.Group.InviteToken = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new GroupInviteResponse(view.Group.InviteToken));
    }

    internal static GroupResponse ToResponse(GroupView view) =>
        new(view.Group.Id, view.Group.Name, view.Group.Description, view.Group.IsPrivate, view.Group.MemberCount,
            view.Membership is null ? null : view.Membership.Pending ? "pending" : view.Membership.Role,
            view.IsLeader ? view.Group.InviteToken : null, view.Group.CreatedAt, GroupSettingsApi.ImageUrl(view.Group), view.Invited && !view.IsMember);
}
