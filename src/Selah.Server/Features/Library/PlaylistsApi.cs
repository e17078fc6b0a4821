using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Contracts.Library;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Storage;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Library;

/// <summary>
/// Playlists: CRUD, duplicate, entries (add, move, remove), collaborators, share links and covers. Private playlists are
/// 404 to everyone but the owner, collaborators, admins and holders of the share link; edits by someone who can see
/// but not edit are 403. Track edits accept <c>If-Match: "v&lt;version&gt;"</c> (412 when stale). Group playlists
/// (created under <c>/api/v1/groups/{id}/playlists</c>) follow their group's membership: see <see cref="PlaylistService"/>.
/// </summary>
public static class PlaylistsApi
{
    public static IEndpointRouteBuilder MapPlaylistsApi(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup("/api/v1/playlists").WithTags("Library").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        open.MapGet("/{id:guid}", GetPlaylistAsync).WithName("GetPlaylist")
            .WithSummary("One playlist with its entries in order (pass share= for a private playlist's share link). Sends an ETag.");
        open.MapGet("/shared/{token}", GetSharedPlaylistAsync).WithName("GetSharedPlaylist").WithSummary("The playlist behind a share link.");
        open.MapGet("/{id:guid}/cover", GetCoverAsync).WithName("GetPlaylistCover")
            .WithSummary("The uploaded cover, or a mosaic of the first four album covers (WebP).");
        app.MapGroup("/api/v1/users").WithTags("Library").AddEndpointFilter<ValidationFilter>().ProducesValidationProblem()
            .MapGet("/{userId:guid}/playlists", ListUserPlaylistsAsync).WithName("ListUserPlaylists").WithSummary("A person's public playlists, newest first.");

        var mine = app.MapGroup("/api/v1/playlists").WithTags("Library").RequireAuthorization().AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        mine.MapPost("/", CreatePlaylistAsync).WithName("CreatePlaylist").WithSummary("Create a playlist owned by the caller.");
        mine.MapGet("/", ListMyPlaylistsAsync).WithName("ListMyPlaylists").WithSummary("Playlists the caller owns or collaborates on, and their groups' playlists (marked with group), newest first.");
        mine.MapPatch("/{id:guid}", UpdatePlaylistAsync).WithName("UpdatePlaylist").WithSummary("Rename, describe, make public or private (owner; for a group playlist also group leaders).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        mine.MapDelete("/{id:guid}", DeletePlaylistAsync).WithName("DeletePlaylist").WithSummary("Delete a playlist (owner; for a group playlist also group leaders).");
        mine.MapPost("/{id:guid}/duplicate", DuplicatePlaylistAsync).WithName("DuplicatePlaylist").WithSummary("Copy a playlist the caller can see into a new private one.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        mine.MapPost("/{id:guid}/tracks", AddTrackAsync).WithName("AddPlaylistTrack").WithSummary("Add a track at the end or at a position (owner, collaborators).")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        mine.MapPatch("/{id:guid}/tracks/{entryId:guid}", MoveEntryAsync).WithName("MovePlaylistEntry").WithSummary("Move an entry to a position (owner, collaborators).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        mine.MapDelete("/{id:guid}/tracks/{entryId:guid}", RemoveEntryAsync).WithName("RemovePlaylistEntry").WithSummary("Remove one entry (owner, collaborators).")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        mine.MapPost("/{id:guid}/collaborators", AddCollaboratorAsync).WithName("AddPlaylistCollaborator").WithSummary("Invite a collaborator by user id (owner).");
        mine.MapDelete("/{id:guid}/collaborators/{userId:guid}", RemoveCollaboratorAsync).WithName("RemovePlaylistCollaborator")
            .WithSummary("Remove a collaborator (owner), or leave (the collaborator).");
        mine.MapPost("/{id:guid}/share", CreateShareLinkAsync).WithName("CreatePlaylistShareLink").WithSummary("Create (or return) the share link (owner).");
        mine.MapDelete("/{id:guid}/share", RevokeShareLinkAsync).WithName("RevokePlaylistShareLink").WithSummary("Revoke the share link (owner).");
        mine.MapPut("/{id:guid}/cover", PutCoverAsync).WithName("PutPlaylistCover").WithSummary("Upload a cover (PNG, JPEG, WebP, GIF; 10 MB) (owner).")
            .DisableAntiforgery() // cookie sessions are checked by CookieAntiforgeryMiddleware, like every unsafe API request
            .WithMetadata(new RequestSizeLimitAttribute(CoverImages.MaxUploadBytes + 64 * 1024))
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        mine.MapDelete("/{id:guid}/cover", DeleteCoverAsync).WithName("DeletePlaylistCover").WithSummary("Back to the generated mosaic (owner).");
        return app;
    }

    public static async Task<Results<Created<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> CreatePlaylistAsync(
        PlaylistCreateRequest request, ClaimsPrincipal user, HttpContext http, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var name = request.Name.Trim();
        if (name.Length == 0)
        {
            return Problems.Field("name", "Name must not be empty.");
        }

        if (await db.Playlists.CountAsync(p => p.OwnerId == me, cancellationToken) >= PlaylistService.MaxPlaylistsPerUser)
        {
            return Problems.Conflict("too-many-playlists", $"You already have {PlaylistService.MaxPlaylistsPerUser} playlists.");
        }

        var now = clock.GetUtcNow();
        var playlist = new Playlist
        {
            OwnerId = me, Name = name, Description = Clean(request.Description), IsPublic = request.IsPublic, CreatedAt = now, UpdatedAt = now,
        };
        db.Playlists.Add(playlist);
        await db.SaveChangesAsync(cancellationToken);
        var response = await PlaylistService.ToResponseAsync(db, new PlaylistView(playlist, PlaylistRoles.Owner, false), user, null, cancellationToken);
        http.Response.Headers.ETag = PlaylistService.ETag(playlist.Version);
        return TypedResults.Created($"/api/v1/playlists/{playlist.Id}", response);
    }

    public static async Task<Results<Ok<PlaylistResponse>, ProblemHttpResult>> GetPlaylistAsync(
        Guid id, [FromQuery] string? share, ClaimsPrincipal user, HttpContext http, SelahDbContext db, CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, share, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The playlist");
        }

        http.Response.Headers.ETag = PlaylistService.ETag(view.Playlist.Version);
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.Ok(await PlaylistService.ToResponseAsync(db, view, user, share, cancellationToken));
    }

    public static async Task<Results<Ok<PlaylistResponse>, ProblemHttpResult>> GetSharedPlaylistAsync(
        string token, ClaimsPrincipal user, HttpContext http, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (token.Length is < 16 or > 64)
        {
            return Problems.NotFound("The playlist");
        }

        var id = await db.Playlists.Where(p => p.ShareToken == token).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(cancellationToken);
        return id is null ? Problems.NotFound("The playlist") : await GetPlaylistAsync(id.Value, token, user, http, db, cancellationToken);
    }

    public static async Task<Results<Ok<CatalogPage<PlaylistSummary>>, ValidationProblem>> ListMyPlaylistsAsync(
        [AsParameters] PlaylistListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        return await PageAsync(PlaylistService.Editable(db, user.GetUserId()), query, user, db, cancellationToken);
    }

    public static async Task<Results<Ok<CatalogPage<PlaylistSummary>>, ValidationProblem>> ListUserPlaylistsAsync(
        Guid userId, [AsParameters] PlaylistListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.TryGetUserId();
        var playlists = db.Playlists.AsNoTracking().Where(p => p.OwnerId == userId && p.GroupId == null && (p.IsPublic || p.OwnerId == me));
        return await PageAsync(playlists, query, user, db, cancellationToken);
    }

    internal static async Task<Results<Ok<CatalogPage<PlaylistSummary>>, ValidationProblem>> PageAsync(
        IQueryable<Playlist> playlists, PlaylistListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, "playlists", out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var after = cursor.Id;
            playlists = playlists.Where(p => p.Id.CompareTo(after) < 0);
        }

        var page = await PlaylistService.ToSummariesAsync(db, playlists.OrderByDescending(p => p.Id).Take(limit + 1), user, cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For("playlists", page[limit - 1].Id).Encode() : null;
        return TypedResults.Ok(new CatalogPage<PlaylistSummary>(page.Take(limit).ToList(), next));
    }

    public static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> UpdatePlaylistAsync(
        Guid id, PlaylistUpdateRequest request, ClaimsPrincipal user, HttpContext http, SelahDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, null, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The playlist");
        }

        if (!view.CanManage)
        {
            return Problems.Forbidden("forbidden", view.Group is null
                ? "Only the playlist's owner may change its details."
                : "Only the playlist's creator and the group's owner and leaders may change its details.");
        }

        if (request.Name is { } rawName && rawName.Trim().Length == 0)
        {
            return Problems.Field("name", "Name must not be empty.");
        }

        if (view.Group is { } group && request.IsPublic is { } wanted && wanted == group.IsPrivate)
        {
            return Problems.Field("isPublic", "A group playlist is public or private with its group; change the group instead.");
        }

        var expected = PlaylistService.IfMatch(http);
        var now = clock.GetUtcNow();
        var query = db.Playlists.Where(p => p.Id == id);
        if (expected is { } version)
        {
            query = query.Where(p => p.Version == version);
        }

        var name = request.Name?.Trim() ?? view.Playlist.Name;
        var description = request.Description is null ? view.Playlist.Description : Clean(request.Description);
        var isPublic = view.Group is null ? request.IsPublic ?? view.Playlist.IsPublic : view.Playlist.IsPublic;
        var updated = await query.ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, name).SetProperty(p => p.Description, description)
            .SetProperty(p => p.IsPublic, isPublic).SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            return Stale();
        }

        return await ReloadAsync(db, id, user, http, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePlaylistAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, IFileStorage storage, CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, null, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The playlist");
        }

        if (!view.CanManage)
        {
            return Problems.Forbidden("forbidden", view.Group is null
                ? "Only the playlist's owner may delete it."
                : "Only the playlist's creator and the group's owner and leaders may delete it.");
        }

        await db.Playlists.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken); // entries and collaborators cascade
        if (view.Playlist.CoverKey is { } key)
        {
            await storage.DeleteAsync(key, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> DuplicatePlaylistAsync(
        Guid id, [FromQuery] string? share, PlaylistDuplicateRequest? request, ClaimsPrincipal user, HttpContext http, SelahDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, share, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The playlist");
        }

        if (request?.Name is { } rawName && rawName.Trim().Length == 0)
        {
            return Problems.Field("name", "Name must not be empty.");
        }

        var me = user.GetUserId();
        if (await db.Playlists.CountAsync(p => p.OwnerId == me, cancellationToken) >= PlaylistService.MaxPlaylistsPerUser)
        {
            return Problems.Conflict("too-many-playlists", $"You already have {PlaylistService.MaxPlaylistsPerUser} playlists.");
        }

        var now = clock.GetUtcNow();
        var name = request?.Name?.Trim() ?? view.Playlist.Name + " (copy)";
        var copy = new Playlist
        {
            OwnerId = me, Name = name.Length > 100 ? name[..100] : name, Description = view.Playlist.Description, IsPublic = false,
            CreatedAt = now, UpdatedAt = now,
        };
        var order = await PlaylistService.OrderAsync(db, id, user, cancellationToken);
        var tracks = await db.PlaylistEntries.AsNoTracking().Where(e => e.PlaylistId == id).Select(e => new { e.Id, e.TrackId })
            .ToDictionaryAsync(e => e.Id, e => e.TrackId, cancellationToken);
        var i = 0;
        foreach (var entry in order.Where(o => o.Visible)) // only what the caller could see is copied
        {
            copy.Entries.Add(new PlaylistEntry { TrackId = tracks[entry.Id], SortKey = ++i * PlaylistService.Gap, AddedById = me, AddedAt = now });
        }

        db.Playlists.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        http.Response.Headers.ETag = PlaylistService.ETag(copy.Version);
        var response = await PlaylistService.ToResponseAsync(db, new PlaylistView(copy, PlaylistRoles.Owner, false), user, null, cancellationToken);
        return TypedResults.Created($"/api/v1/playlists/{copy.Id}", response);
    }

    public static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> AddTrackAsync(
        Guid id, PlaylistAddTrackRequest request, ClaimsPrincipal user, HttpContext http, SelahDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (view, problem) = await EditableAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var trackId = request.TrackId!.Value;
        if (!await CatalogQueries.VisibleTracks(db, user).AnyAsync(t => t.Id == trackId, cancellationToken))
        {
            return Problems.Field("trackId", "No such track.");
        }

        var now = clock.GetUtcNow();
        var expected = PlaylistService.IfMatch(http);
        var me = user.GetUserId();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await PlaylistService.BumpAsync(db, id, expected, now, cancellationToken) is null)
            {
                return Stale();
            }

            var order = await PlaylistService.OrderAsync(db, id, user, cancellationToken);
            if (order.Count >= PlaylistService.MaxEntries)
            {
                return Problems.Conflict("playlist-full", $"A playlist holds at most {PlaylistService.MaxEntries} tracks.");
            }

            var index = PlaylistService.FullIndex(order, request.Position);
            var entry = new PlaylistEntry { PlaylistId = id, TrackId = trackId, AddedById = me, AddedAt = now };
            if (PlaylistService.KeyAt(order, index) is { } key)
            {
                entry.SortKey = key;
            }
            else
            {
                var final = order.Select(o => o.Id).ToList();
                await PlaylistService.RenumberAsync(db, id, final, cancellationToken);
                // Renumbered keys are (i + 1) × Gap, so the slot before index `index` is free.
                entry.SortKey = index * PlaylistService.Gap + PlaylistService.Gap / 2;
            }

            db.PlaylistEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await ReloadAsync(db, id, user, http, cancellationToken);
    }

    public static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> MoveEntryAsync(
        Guid id, Guid entryId, PlaylistMoveEntryRequest request, ClaimsPrincipal user, HttpContext http, SelahDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (view, problem) = await EditableAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var expected = PlaylistService.IfMatch(http);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await PlaylistService.BumpAsync(db, id, expected, clock.GetUtcNow(), cancellationToken) is null)
            {
                return Stale();
            }

            var order = await PlaylistService.OrderAsync(db, id, user, cancellationToken);
            var current = order.FindIndex(o => o.Id == entryId);
            if (current < 0 || !order[current].Visible)
            {
                return Problems.NotFound("The playlist entry");
            }

            var moved = order[current];
            order.RemoveAt(current);
            var index = PlaylistService.FullIndex(order, request.Position);
            if (PlaylistService.KeyAt(order, index) is { } key)
            {
                await db.PlaylistEntries.Where(e => e.Id == entryId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SortKey, key), cancellationToken);
            }
            else
            {
                var final = order.Select(o => o.Id).ToList();
                final.Insert(index, moved.Id);
                await PlaylistService.RenumberAsync(db, id, final, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return await ReloadAsync(db, id, user, http, cancellationToken);
    }

    public static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> RemoveEntryAsync(
        Guid id, Guid entryId, ClaimsPrincipal user, HttpContext http, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (view, problem) = await EditableAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var expected = PlaylistService.IfMatch(http);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (await PlaylistService.BumpAsync(db, id, expected, clock.GetUtcNow(), cancellationToken) is null)
            {
                return Stale();
            }

            if (await db.PlaylistEntries.Where(e => e.Id == entryId && e.PlaylistId == id).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                return Problems.NotFound("The playlist entry");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return await ReloadAsync(db, id, user, http, cancellationToken);
    }

    public static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> AddCollaboratorAsync(
        Guid id, PlaylistCollaboratorRequest request, ClaimsPrincipal user, HttpContext http, SelahDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (view, problem) = await OwnedAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var userId = request.UserId!.Value;
        if (userId == view.Playlist.OwnerId)
        {
            return Problems.Field("userId", "The owner is not a collaborator of their own playlist.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Problems.Field("userId", "No such user.");
        }

        if (await db.PlaylistCollaborators.CountAsync(c => c.PlaylistId == id, cancellationToken) >= 50)
        {
            return Problems.Field("userId", "A playlist has at most 50 collaborators.");
        }

        if (!await db.PlaylistCollaborators.AnyAsync(c => c.PlaylistId == id && c.UserId == userId, cancellationToken))
        {
            var now = clock.GetUtcNow();
            db.PlaylistCollaborators.Add(new PlaylistCollaboratorRow { PlaylistId = id, UserId = userId, AddedAt = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // a concurrent invite of the same person won; the outcome is the same
            }

            await PlaylistService.BumpAsync(db, id, null, now, cancellationToken);
        }

        return await ReloadAsync(db, id, user, http, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveCollaboratorAsync(
        Guid id, Guid userId, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, null, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The playlist");
        }

        var leaving = view.Role == PlaylistRoles.Collaborator && user.GetUserId() == userId;
        if (!view.IsOwner && !leaving)
        {
            return Problems.Forbidden("forbidden", "Only the playlist's owner may change its collaborators.");
        }

        if (await db.PlaylistCollaborators.Where(c => c.PlaylistId == id && c.UserId == userId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            return Problems.NotFound("The collaborator");
        }

        await PlaylistService.BumpAsync(db, id, null, clock.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<PlaylistShareResponse>, ProblemHttpResult>> CreateShareLinkAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var (view, problem) = await OwnedAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        var token = view.Playlist.ShareToken;
        if (token is null)
        {
            token = PlaylistService.NewShareToken();
            // Only set it when still unset, so two concurrent requests agree on one link.
            await db.Playlists.Where(p => p.Id == id && p.ShareToken == null).ExecuteUpdateAsync(s => s.SetProperty(p => p.ShareToken, token), cancellationToken);
            token = await db.Playlists.Where(p => p.Id == id).Select(p => p.ShareToken).SingleAsync(cancellationToken);
        }

        return TypedResults.Ok(new PlaylistShareResponse(token!, PlaylistService.ShareUrl(token!)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeShareLinkAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var (view, problem) = await OwnedAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        await db.Playlists.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ShareToken, (string?)null), cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<FileContentHttpResult, FileStreamHttpResult, ProblemHttpResult>> GetCoverAsync(
        Guid id, [FromQuery] string? share, ClaimsPrincipal user, HttpContext http, SelahDbContext db, IFileStorage storage,
        CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, share, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The playlist");
        }

        http.Response.Headers.CacheControl = "private, max-age=86400"; // the URL carries the version
        if (view.Playlist.CoverKey is { } key && await storage.OpenReadAsync(key, cancellationToken) is { } stream)
        {
            return TypedResults.Stream(stream, "image/webp");
        }

        return TypedResults.File(await PlaylistCovers.MosaicAsync(db, storage, view.Playlist, user, cancellationToken), "image/webp");
    }

    public static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> PutCoverAsync(
        Guid id, IFormFile? file, ClaimsPrincipal user, HttpContext http, SelahDbContext db, IFileStorage storage, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (view, problem) = await ManagedAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (file is null || file.Length == 0)
        {
            return Problems.Field("file", "Choose an image file to upload.");
        }

        if (file.Length > CoverImages.MaxUploadBytes)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The image is larger than 10 MB.");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        if (CoverImages.ToCover(buffer.ToArray()) is not { } cover)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-image", "The file is not a supported image.",
                "Upload a PNG, JPEG, WebP or GIF picture.");
        }

        var newKey = $"covers/playlists/{id:n}/{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(cover))[..16]}.webp";
        await storage.SaveAsync(newKey, new MemoryStream(cover), cancellationToken);
        var previous = view.Playlist.CoverKey;
        var now = clock.GetUtcNow();
        await db.Playlists.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CoverKey, newKey)
            .SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (previous is not null && previous != newKey)
        {
            await storage.DeleteAsync(previous, cancellationToken);
        }

        return await ReloadAsync(db, id, user, http, cancellationToken);
    }

    public static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> DeleteCoverAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, SelahDbContext db, IFileStorage storage, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (view, problem) = await ManagedAsync(db, id, user, cancellationToken);
        if (view is null)
        {
            return problem!;
        }

        if (view.Playlist.CoverKey is { } key)
        {
            var now = clock.GetUtcNow();
            await db.Playlists.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.CoverKey, (string?)null)
                .SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now), cancellationToken);
            await storage.DeleteAsync(key, cancellationToken);
        }

        return await ReloadAsync(db, id, user, http, cancellationToken);
    }

    private static async Task<(PlaylistView? View, ProblemHttpResult? Problem)> EditableAsync(
        SelahDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, null, cancellationToken);
        if (view is null)
        {
            return (null, Problems.NotFound("The playlist"));
        }

        return view.CanEditTracks ? (view, null) : (null, Problems.Forbidden("forbidden", "Only the owner and collaborators may change this playlist's tracks."));
    }

    private static async Task<(PlaylistView? View, ProblemHttpResult? Problem)> OwnedAsync(
        SelahDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, null, cancellationToken);
        if (view is null)
        {
            return (null, Problems.NotFound("The playlist"));
        }

        if (!view.IsOwner)
        {
            return (null, Problems.Forbidden("forbidden", "Only the playlist's owner may do this."));
        }

        // A group playlist is shared with the group by being in it: no share links, no per-user collaborators.
        return view.Group is null ? (view, null) : (null, Problems.Conflict("group-playlist",
            "A group playlist has no share link or collaborators of its own: every member of the group may edit it."));
    }

    private static async Task<(PlaylistView? View, ProblemHttpResult? Problem)> ManagedAsync(
        SelahDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var view = await PlaylistService.FindAsync(db, id, user, null, cancellationToken);
        if (view is null)
        {
            return (null, Problems.NotFound("The playlist"));
        }

        return view.CanManage ? (view, null) : (null, Problems.Forbidden("forbidden", view.Group is null
            ? "Only the playlist's owner may do this."
            : "Only the playlist's creator and the group's owner and leaders may do this."));
    }

    private static async Task<Results<Ok<PlaylistResponse>, ValidationProblem, ProblemHttpResult>> ReloadAsync(
        SelahDbContext db, Guid id, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var view = await PlaylistService.FindAsync(db, id, user, null, cancellationToken);
        if (view is null)
        {
            return Problems.NotFound("The playlist");
        }

        http.Response.Headers.ETag = PlaylistService.ETag(view.Playlist.Version);
        return TypedResults.Ok(await PlaylistService.ToResponseAsync(db, view, user, null, cancellationToken));
    }

    private static ProblemHttpResult Stale() => Problems.Create(StatusCodes.Status412PreconditionFailed, "playlist-changed",
        "The playlist changed since you loaded it.", "Reload it (its ETag is its version) and try again.");

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
