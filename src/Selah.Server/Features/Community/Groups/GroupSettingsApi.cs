using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Admin;
using Selah.Contracts.Community;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Social;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>
/// A group's picture (leaders upload it through the post image pipeline, <see cref="PostImages.Encode"/>; it is served
/// to whoever may read the group) and direct invitations: a leader invites one person, who gets a
/// <c>groupInvite</c> notification and may accept (joining even a private group, no approval) or decline.
/// </summary>
public static class GroupSettingsApi
{
    public static void MapGroupSettingsApi(RouteGroupBuilder groups, IEndpointRouteBuilder app)
    {
        groups.MapGet("/{id:guid}/image", GetImageAsync).WithName("GetGroupImage")
            .WithSummary("The group's picture (WebP), for whoever may read the group (private groups: members and invitees, else 404).");
        groups.MapPut("/{id:guid}/image", PutImageAsync).WithName("PutGroupImage")
            .WithSummary("Set or replace the group's picture (leaders; multipart part file: PNG, JPEG, GIF or WebP up to 10 MB; resized, EXIF removed).")
            .DisableAntiforgery() // cookie sessions are checked by CookieAntiforgeryMiddleware, like every unsafe API request
            .WithMetadata(new RequestSizeLimitAttribute(PostImages.MaxUploadBytes + 64 * 1024))
            .RateLimited("uploads")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        groups.MapDelete("/{id:guid}/image", DeleteImageAsync).WithName("DeleteGroupImage").WithSummary("Remove the group's picture (leaders).");
        groups.MapPost("/{id:guid}/invitations", InviteAsync).WithName("InviteToGroup")
            .WithSummary("Invite one person directly (leaders); they are notified. 201 new, 200 already invited, 409 already a member.");
        groups.MapGet("/{id:guid}/invitations", GroupInvitationsAsync).WithName("ListGroupInvitations")
            .WithSummary("Open invitations of the group, newest first (leaders).");
        groups.MapDelete("/{id:guid}/invitations/{userId:guid}", RevokeAsync).WithName("RevokeGroupInvitation")
            .WithSummary("Take an invitation back (leaders); the person can no longer accept it.");

        var me = app.MapGroup("/api/v1/me/group-invitations").WithTags("Community").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
        me.MapGet("/", MyInvitationsAsync).WithName("ListMyGroupInvitations").WithSummary("Groups the caller was invited to, newest first.");
        me.MapPost("/{groupId:guid}/accept", AcceptAsync).WithName("AcceptGroupInvitation").WithSummary("Accept an invitation: you join the group at once.");
        me.MapDelete("/{groupId:guid}", DeclineAsync).WithName("DeclineGroupInvitation").WithSummary("Decline an invitation.");
    }

    /// <summary>The picture's URL; the version makes it change whenever the picture does, so it may be cached for long.</summary>
    public static string? ImageUrl(CommunityGroup group) =>
        group.ImageKey is { } key ? $"/api/v1/groups/{group.Id}/image?v={Version(key)}" : null;

    private static string Version(string key) => Path.GetFileNameWithoutExtension(key);

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetImageAsync(
        Guid id, string? v, HttpContext http, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        var key = view?.Group.ImageKey;
        // Never in shared caches (groups are for signed-in people, private ones for members); the versioned URL is immutable.
        var version = key is null ? "" : Version(key);
        var cacheControl = v == version ? "private, max-age=31536000, immutable" : "private, no-cache";
        return await PostImages.StreamAsync(storage, key, version, cacheControl, http, cancellationToken) is { } picture
            ? picture
            : Problems.NotFound("The group's picture");
    }

    public static async Task<Results<Ok<GroupImageResponse>, ValidationProblem, ProblemHttpResult>> PutImageAsync(
        Guid id, IFormFile? file, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only the group's owner and leaders may change its picture.");
        }

        if (PostImages.TooLarge(file) is { } tooLarge)
        {
            return tooLarge;
        }

        var (image, problem) = await PostImages.EncodeUploadAsync(file, cancellationToken);
        if (image is null)
        {
            return problem!;
        }

        var key = $"groups/{id:N}/{Convert.ToHexStringLower(SHA256.HashData(image.Webp))[..16]}.webp";
        await storage.SaveAsync(key, new MemoryStream(image.Webp), cancellationToken);
        var old = view.Group.ImageKey;
        view.Group.ImageKey = key;
        await db.SaveChangesAsync(cancellationToken);
        if (old is not null && old != key)
        {
            await storage.DeleteAsync(old, cancellationToken);
        }

        return TypedResults.Ok(new GroupImageResponse(ImageUrl(view.Group)!, image.Width, image.Height));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteImageAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only the group's owner and leaders may change its picture.");
        }

        if (view.Group.ImageKey is { } old)
        {
            view.Group.ImageKey = null;
            await db.SaveChangesAsync(cancellationToken);
            await storage.DeleteAsync(old, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<GroupInvitationResponse>, Ok<GroupInvitationResponse>, ValidationProblem, ProblemHttpResult>> InviteAsync(
        Guid id, GroupInvitationRequest request, ClaimsPrincipal user, SelahDbContext db, CommunityNotifier notifier, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsLeader)
        {
            return Problems.Forbidden("not-a-leader", "Only the group's owner and leaders may invite people.");
        }

        var me = user.GetUserId();
        var invitee = request.UserId!.Value;
        var active = await db.Users.AnyAsync(u => u.Id == invitee && u.Status == AccountStatus.Active, cancellationToken);
        if (!active)
        {
            return Problems.Field("userId", "There is no active member with this id.");
        }

        if (await db.GroupMembers.AnyAsync(m => m.GroupId == id && m.UserId == invitee && !m.Pending, cancellationToken))
        {
            return Problems.Conflict("already-member", "This person is already a member of the group.");
        }

        var existing = await db.GroupInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.GroupId == id && i.UserId == invitee, cancellationToken);
        if (existing is not null)
        {
            return TypedResults.Ok(await ToResponseAsync(db, view.Group, existing, cancellationToken));
        }

        var invitation = new GroupInvitation { GroupId = id, UserId = invitee, InvitedById = me, CreatedAt = clock.GetUtcNow() };
        db.GroupInvitations.Add(invitation);
        // Someone who blocked the inviter still gets the invitation (in their list) but no notification from them.
        var blocked = await db.UserRestrictions.AnyAsync(r => r.UserId == invitee && r.OtherId == me && r.Kind == UserRestriction.Block, cancellationToken);
        if (!blocked)
        {
            await notifier.NotifyAsync(db, new CommunityNotice(invitee, NotificationTypes.GroupInvite, $"invite:{id}", me, id, "group", view.Group.Name), me,
                cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        var response = await ToResponseAsync(db, view.Group, invitation, cancellationToken);
        return TypedResults.Created("/api/v1/me/group-invitations", response);
    }

    public static async Task<Results<Ok<List<GroupInvitationResponse>>, ProblemHttpResult>> GroupInvitationsAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var (view, problem) = await LeadAsync(db, id, user, "see the group's invitations", cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var rows = await db.GroupInvitations.AsNoTracking().Where(i => i.GroupId == id).OrderByDescending(i => i.CreatedAt).Take(200).ToListAsync(cancellationToken);
        var names = await PostMapper.UserNamesAsync(db, rows.SelectMany(r => new[] { r.UserId, r.InvitedById }).Distinct().ToList(), cancellationToken);
        return TypedResults.Ok(rows.Select(r => ToResponse(view.Group, r, names)).ToList());
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, Guid userId, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var (view, problem) = await LeadAsync(db, id, user, "take invitations back", cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        return await db.GroupInvitations.Where(i => i.GroupId == id && i.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0
            ? Problems.NotFound("The invitation")
            : TypedResults.NoContent();
    }

    /// <summary>The group when the caller leads it; else 404 (unknown, or hidden from the caller) or 403.</summary>
    private static async Task<(GroupView? View, ProblemHttpResult? Problem)> LeadAsync(
        SelahDbContext db, Guid id, ClaimsPrincipal user, string what, CancellationToken cancellationToken) =>
        await GroupAccess.FindAsync(db, id, user, cancellationToken) switch
        {
            null => (null, Problems.NotFound("The group")),
            { IsLeader: false } => (null, Problems.Forbidden("not-a-leader", $"Only the group's owner and leaders may {what}.")),
            var view => (view, null),
        };

    public static async Task<Ok<List<GroupInvitationResponse>>> MyInvitationsAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var rows = await db.GroupInvitations.AsNoTracking().Where(i => i.UserId == me)
            .Join(db.CommunityGroups, i => i.GroupId, g => g.Id, (i, g) => new { Invitation = i, Group = g })
            .OrderByDescending(x => x.Invitation.CreatedAt).Take(100).ToListAsync(cancellationToken);
        var names = await PostMapper.UserNamesAsync(db, rows.Select(r => r.Invitation.InvitedById).Append(me).Distinct().ToList(), cancellationToken);
        return TypedResults.Ok(rows.Select(r => ToResponse(r.Group, r.Invitation, names)).ToList());
    }

    public static async Task<Results<Ok<GroupJoinResponse>, ProblemHttpResult>> AcceptAsync(
        Guid groupId, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var invitation = await db.GroupInvitations.FirstOrDefaultAsync(i => i.GroupId == groupId && i.UserId == me, cancellationToken);
        var group = invitation is null ? null : await db.CommunityGroups.FirstOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (invitation is null || group is null)
        {
            return Problems.NotFound("The invitation");
        }

        db.GroupInvitations.Remove(invitation);
        var existing = await db.GroupMembers.FirstOrDefaultAsync(m => m.GroupId == groupId && m.UserId == me, cancellationToken);
        if (existing is null)
        {
            db.GroupMembers.Add(new GroupMember { GroupId = groupId, UserId = me, CreatedAt = clock.GetUtcNow() });
            group.MemberCount++;
        }
        else if (existing.Pending)
        {
            existing.Pending = false; // an open join request is granted by the invitation
            existing.CreatedAt = clock.GetUtcNow();
            group.MemberCount++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new GroupJoinResponse(groupId, "member", existing?.Role ?? GroupRoles.Member));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeclineAsync(
        Guid groupId, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var invitation = await db.GroupInvitations.FirstOrDefaultAsync(i => i.GroupId == groupId && i.UserId == me, cancellationToken);
        if (invitation is null)
        {
            return Problems.NotFound("The invitation");
        }

        db.GroupInvitations.Remove(invitation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<GroupInvitationResponse> ToResponseAsync(SelahDbContext db, CommunityGroup group, GroupInvitation invitation, CancellationToken cancellationToken) =>
        ToResponse(group, invitation, await PostMapper.UserNamesAsync(db, [invitation.UserId, invitation.InvitedById], cancellationToken));

    private static GroupInvitationResponse ToResponse(CommunityGroup group, GroupInvitation invitation, IReadOnlyDictionary<Guid, string> names) =>
        new(group.Id, group.Name, ImageUrl(group), group.IsPrivate, new CommunityUser(invitation.UserId, names.GetValueOrDefault(invitation.UserId, "")),
            new CommunityUser(invitation.InvitedById, names.GetValueOrDefault(invitation.InvitedById, "")), invitation.CreatedAt);
}
