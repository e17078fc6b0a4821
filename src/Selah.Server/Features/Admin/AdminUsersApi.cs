using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Accounts;
using Selah.Contracts.Admin;
using Selah.Server.Features.Accounts;
using Selah.Server.Infrastructure.Auditing;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Admin;

/// <summary>Filters and keyset cursor for the user list.</summary>
public sealed record UserListQuery(
    [property: Description("Text in the email or display name.")] string? Q,
    [property: Description("Only users with this role.")] string? Role,
    [property: Description("Only users in this state: active, suspended or banned.")] string? Status,
    [property: Description("nextCursor from the previous page.")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>User management for administrators: list and search, roles, suspend, ban, reinstate, audit trail.</summary>
public static class AdminUsersApi
{
    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Administration")
            .RequireAuthorization(Policies.Admin).AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        admin.MapGet("/users", ListUsersAsync).WithName("AdminListUsers").WithSummary("List and search users, newest first.");
        admin.MapGet("/users/{id:guid}", GetUserAsync).WithName("AdminGetUser").WithSummary("One user.");
        admin.MapPut("/users/{id:guid}/roles", SetRolesAsync).WithName("AdminSetRoles").WithSummary("Replace a user's roles.");
        admin.MapPost("/users/{id:guid}/suspend", SuspendAsync).WithName("AdminSuspendUser").WithSummary("Suspend until a date; sessions end at once.");
        admin.MapPost("/users/{id:guid}/ban", BanAsync).WithName("AdminBanUser").WithSummary("Ban; sessions end at once.");
        admin.MapPost("/users/{id:guid}/reinstate", ReinstateAsync).WithName("AdminReinstateUser").WithSummary("Lift a ban or suspension.");
        admin.MapGet("/audit", ListAuditAsync).WithName("AdminListAudit").WithSummary("The audit log, newest first.");
        return app;
    }

    public static async Task<Results<Ok<Page<AdminUserResponse>>, ValidationProblem>> ListUsersAsync(
        [AsParameters] UserListQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 25;
        if (limit is < 1 or > 100)
        {
            return Problems.Field("limit", "Limit must be between 1 and 100.");
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!Guid.TryParse(query.Cursor, out var parsed))
            {
                return Problems.Field("cursor", "The cursor is not valid.");
            }

            after = parsed;
        }

        if (query.Role is { } role && !Roles.All.Contains(role))
        {
            return Problems.Field("role", $"Role must be one of {string.Join(", ", Roles.All)}.");
        }

        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var text = query.Q.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(text) || u.DisplayName.ToUpper().Contains(text));
        }

        if (!string.IsNullOrEmpty(query.Status))
        {
            if (!Enum.TryParse<AccountStatus>(query.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status))
            {
                return Problems.Field("status", "Status must be active, suspended or banned.");
            }

            users = users.Where(u => u.Status == status);
        }

        if (query.Role is { } r)
        {
            var roleId = await db.Roles.Where(x => x.Name == r).Select(x => x.Id).SingleAsync(cancellationToken);
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }

        if (after is { } cursor)
        {
            users = users.Where(u => u.Id.CompareTo(cursor) < 0);
        }

        // Ids are version-7 GUIDs: ordering by id is ordering by creation time, and the id is a stable keyset cursor.
        var page = await users.OrderByDescending(u => u.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = page.Take(limit).ToList();
        var roles = await RolesOfAsync(db, items.Select(u => u.Id).ToList(), cancellationToken);
        var next = page.Count > limit ? items[^1].Id.ToString() : null;
        return TypedResults.Ok(new Page<AdminUserResponse>(items.Select(u => ToResponse(u, roles)).ToList(), next));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ProblemHttpResult>> GetUserAsync(Guid id, SelahDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? Problems.NotFound("The user") : TypedResults.Ok(ToResponse(user, await RolesOfAsync(db, [id], cancellationToken)));
    }

    public static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> SetRolesAsync(
        Guid id, SetRolesRequest request, ClaimsPrincipal principal, UserManager<SelahUser> users, SelahDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var wanted = request.Roles.Select(r => r.Trim().ToLowerInvariant()).Append(Roles.Listener).Distinct().ToList();
        if (wanted.FirstOrDefault(r => !Roles.All.Contains(r)) is { } unknown)
        {
            return Problems.Field("roles", $"'{unknown}' is not a role; use {string.Join(", ", Roles.All)}.");
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Problems.NotFound("The user");
        }

        if (user.Id == principal.GetUserId() && !wanted.Contains(Roles.Admin))
        {
            return Problems.Conflict("own-admin-role", "You cannot remove your own admin role.", "Ask another administrator.");
        }

        var current = (await users.GetRolesAsync(user)).ToList();
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        audit.Record(db, principal.GetUserId(), "user.roles", "user", user.Id.ToString(), new { roles = current.Order() }, new { roles = wanted.Order() });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(user, await RolesOfAsync(db, [id], cancellationToken)));
    }

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> SuspendAsync(
        Guid id, SuspendUserRequest request, ClaimsPrincipal principal, UserManager<SelahUser> users, AccountSessions sessions,
        SelahDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Until is not { } until || until <= clock.GetUtcNow())
        {
            return Task.FromResult<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>>(
                Problems.Field("until", "The suspension must end in the future."));
        }

        return ChangeStatusAsync(id, AccountStatus.Suspended, until.ToUniversalTime(), request.Reason, "user.suspend",
            principal, users, sessions, db, audit, cancellationToken);
    }

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> BanAsync(
        Guid id, BanUserRequest request, ClaimsPrincipal principal, UserManager<SelahUser> users, AccountSessions sessions,
        SelahDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, AccountStatus.Banned, null, request.Reason, "user.ban", principal, users, sessions, db, audit, cancellationToken);

    public static Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> ReinstateAsync(
        Guid id, ClaimsPrincipal principal, UserManager<SelahUser> users, AccountSessions sessions,
        SelahDbContext db, AuditLog audit, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, AccountStatus.Active, null, null, "user.reinstate", principal, users, sessions, db, audit, cancellationToken);

    public static async Task<Results<Ok<Page<AuditEntryResponse>>, ValidationProblem>> ListAuditAsync(
        string? cursor, int? limit, SelahDbContext db, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > 200)
        {
            return Problems.Field("limit", "Limit must be between 1 and 200.");
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(cursor))
        {
            if (!Guid.TryParse(cursor, out var after))
            {
                return Problems.Field("cursor", "The cursor is not valid.");
            }

            entries = entries.Where(e => e.Id.CompareTo(after) < 0);
        }

        var page = await entries.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(cancellationToken);
        var items = page.Take(size).Select(e => new AuditEntryResponse(e.Id, e.ActorId, e.Action, e.TargetType, e.TargetId, e.Before, e.After, e.At)).ToList();
        return TypedResults.Ok(new Page<AuditEntryResponse>(items, page.Count > size ? items[^1].Id.ToString() : null));
    }

    private static async Task<Results<Ok<AdminUserResponse>, ValidationProblem, ProblemHttpResult>> ChangeStatusAsync(
        Guid id, AccountStatus status, DateTimeOffset? until, string? reason, string action, ClaimsPrincipal principal,
        UserManager<SelahUser> users, AccountSessions sessions, SelahDbContext db, AuditLog audit, CancellationToken cancellationToken)
    {
        if (id == principal.GetUserId() && status != AccountStatus.Active)
        {
            return Problems.Conflict("own-account", "You cannot ban or suspend your own account.");
        }

        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Problems.NotFound("The user");
        }

        var before = new { status = user.Status, suspendedUntil = user.SuspendedUntil, reason = user.StatusReason };
        user.Status = status;
        user.SuspendedUntil = until;
        user.StatusReason = reason?.Trim();
        if (status == AccountStatus.Active)
        {
            await users.UpdateAsync(user);
        }
        else
        {
            await sessions.EndAllSessionsAsync(user, action, cancellationToken); // saves the status with the new session stamp
        }

        audit.Record(db, principal.GetUserId(), action, "user", user.Id.ToString(), before,
            new { status = user.Status, suspendedUntil = user.SuspendedUntil, reason = user.StatusReason });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(user, await RolesOfAsync(db, [id], cancellationToken)));
    }

    private static async Task<ILookup<Guid, string>> RolesOfAsync(SelahDbContext db, List<Guid> userIds, CancellationToken cancellationToken)
    {
        var rows = await db.UserRoles.Where(ur => userIds.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.UserId, r => r.Name!);
    }

    private static AdminUserResponse ToResponse(SelahUser user, ILookup<Guid, string> roles) => new()
    {
        Id = user.Id,
        Email = user.Email ?? "",
        EmailVerified = user.EmailConfirmed,
        DisplayName = user.DisplayName,
        Roles = roles[user.Id].Order().ToList(),
        Status = user.Status,
        SuspendedUntil = user.SuspendedUntil,
        StatusReason = user.StatusReason,
        TwoFactorEnabled = user.TwoFactorEnabled,
        CreatedAt = user.CreatedAt,
    };
}
