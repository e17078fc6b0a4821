using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Contracts.Library;
using Selah.Server.Features.Library;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>
/// A group's collaborative playlists: any current member creates one (they are its owner) and lists them; everything
/// else goes through <c>/api/v1/playlists/{id}</c>, where <see cref="PlaylistService"/> applies the group's rules
/// (members edit tracks, the creator and leaders manage, visibility follows the group).
/// </summary>
public static class GroupPlaylistsApi
{
    public const int MaxPlaylistsPerGroup = 500;

    public static void MapGroupPlaylistsApi(RouteGroupBuilder groups)
    {
        groups.MapPost("/{id:guid}/playlists", CreateAsync).WithName("CreateGroupPlaylist")
            .WithSummary("Create a collaborative playlist of the group (members); every member may edit its tracks.");
        groups.MapGet("/{id:guid}/playlists", ListAsync).WithName("ListGroupPlaylists")
            .WithSummary("The group's playlists, newest first (private groups: members only, else 404).");
    }

    public static async Task<Results<Created<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid id, GroupPlaylistCreateRequest request, ClaimsPrincipal user, HttpContext http, SelahDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || (view.Group.IsPrivate && !view.IsMember))
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsMember)
        {
            return Problems.Forbidden("not-a-member", "Join the group to add playlists to it.");
        }

        var name = request.Name.Trim();
        if (name.Length == 0)
        {
            return Problems.Field("name", "Name must not be empty.");
        }

        if (await db.Playlists.CountAsync(p => p.GroupId == id, cancellationToken) >= MaxPlaylistsPerGroup)
        {
            return Problems.Conflict("too-many-playlists", $"A group has at most {MaxPlaylistsPerGroup} playlists.");
        }

        var now = clock.GetUtcNow();
        var playlist = new Playlist
        {
            OwnerId = user.GetUserId(), GroupId = id, Name = name,
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            IsPublic = false, // visibility follows the group
            CreatedAt = now, UpdatedAt = now,
        };
        db.Playlists.Add(playlist);
        await db.SaveChangesAsync(cancellationToken);
        var found = await PlaylistService.FindAsync(db, playlist.Id, user, null, cancellationToken);
        http.Response.Headers.ETag = PlaylistService.ETag(playlist.Version);
        return TypedResults.Created($"/api/v1/playlists/{playlist.Id}", await PlaylistService.ToResponseAsync(db, found!, user, null, cancellationToken));
    }

    public static async Task<Results<Ok<CatalogPage<PlaylistSummary>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid id, [AsParameters] PlaylistListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || (view.Group.IsPrivate && !view.IsMember && !CommunityAccess.IsModerator(user)))
        {
            return Problems.NotFound("The group");
        }

        var result = await PlaylistsApi.PageAsync(db.Playlists.AsNoTracking().Where(p => p.GroupId == id), query, user, db, cancellationToken);
        return result.Result switch
        {
            Ok<CatalogPage<PlaylistSummary>> ok => ok,
            ValidationProblem problem => problem,
            _ => throw new InvalidOperationException("Unexpected result."),
        };
    }
}
