using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.PrayerRooms;

/// <summary>
/// Live prayer rooms (<c>/api/v1/prayer-rooms</c>): open, list, get, close; the shared prayer list (add, "praying",
/// pin by the host) and the room's chat. Live delivery is the <c>/hubs/prayer-rooms</c> hub (<see cref="PrayerRoomsHub"/>).
/// </summary>
public static class PrayerRoomsApi
{
    private const string CursorSort = "rooms";

    public static IHostApplicationBuilder AddPrayerRooms(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<LivePrayerRooms>();
        builder.Services.AddSingleton<PrayerRoomConnections>();
        builder.Services.AddHostedService<PrayerRoomPresenceRefresher>();
        return builder;
    }

    public static IEndpointRouteBuilder MapPrayerRoomsApi(this IEndpointRouteBuilder app)
    {
        app.MapHub<PrayerRoomsHub>(PrayerRoomsHub.Path).RequireAuthorization();
        var rooms = app.MapGroup("/api/v1/prayer-rooms").WithTags("Community").AddEndpointFilter<ValidationFilter>().RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        rooms.MapPost("/", CreateAsync).WithName("CreatePrayerRoom").WithSummary("Open a prayer room (community-wide, or for a group you belong to); you host it.");
        rooms.MapGet("/", ListAsync).WithName("ListPrayerRooms").WithSummary("Rooms you may enter, newest first (open ones unless open=false).");
        rooms.MapGet("/{id:guid}", GetAsync).WithName("GetPrayerRoom").WithSummary("One room (a private group's room: members only, else 404).");
        rooms.MapPost("/{id:guid}/close", CloseAsync).WithName("ClosePrayerRoom").WithSummary("Close the room (host, group leaders, moderators).");
        rooms.MapGet("/{id:guid}/requests", RequestsAsync).WithName("ListPrayerRoomRequests")
            .WithSummary($"The room's prayer list, oldest first: the newest {LivePrayerRooms.MaxRequests} (or limit), or those before a request id (before=, \"load more\").");
        rooms.MapPost("/{id:guid}/requests", AddRequestAsync).WithName("AddPrayerRoomRequest").WithSummary("Add a request to the prayer list (first-pass moderated).")
            .RateLimited<ClaimsPrincipal>(GroupMessagesApi.ChatPolicy, u => u.TryGetUserId()?.ToString());
        rooms.MapPost("/{id:guid}/requests/{requestId:guid}/praying", PrayingAsync).WithName("PrayForPrayerRoomRequest")
            .WithSummary("Say you are praying for a request (once per person).");
        rooms.MapPut("/{id:guid}/pin", PinAsync).WithName("PinPrayerRoomRequest").WithSummary("Pin a request, or unpin with null (the host only).");
        rooms.MapGet("/{id:guid}/messages", MessagesAsync).WithName("ListPrayerRoomMessages").WithSummary("The room's chat, newest first.");
        rooms.MapPost("/{id:guid}/messages", SendMessageAsync).WithName("SendPrayerRoomMessage").WithSummary("Send a chat message (first-pass moderated).")
            .RateLimited<ClaimsPrincipal>(GroupMessagesApi.ChatPolicy, u => u.TryGetUserId()?.ToString());
        rooms.MapPatch("/{id:guid}/messages/{messageId:guid}", EditMessageAsync).WithName("EditPrayerRoomMessage")
            .WithSummary("Edit your chat message (open rooms; moderated again).");
        rooms.MapDelete("/{id:guid}/messages/{messageId:guid}", DeleteMessageAsync).WithName("DeletePrayerRoomMessage")
            .WithSummary("Delete a chat message (its author; the host, the group's leaders and moderators: anyone's).");
        return app;
    }

    public static async Task<Results<Created<PrayerRoomResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        PrayerRoomCreateRequest request, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.CreateAsync(request, user, cancellationToken);
        return result switch
        {
            { Value: { } room } => TypedResults.Created($"/api/v1/prayer-rooms/{room.Id}", room),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<Ok<CommunityPage<PrayerRoomResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        [AsParameters] PrayerRoomListQuery query, ClaimsPrincipal user, SelahDbContext db, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        IQueryable<PrayerRoom> rows;
        if (query.GroupId is { } groupId)
        {
            var (group, problem) = await PrayerRoomAccess.GroupAsync(db, groupId, user, "The group", cancellationToken);
            if (group is null)
            {
                return problem!;
            }

            rows = db.PrayerRooms.Where(r => r.GroupId == groupId);
        }
        else
        {
            rows = db.PrayerRooms.Where(r => r.GroupId == null || db.GroupMembers.Any(m => m.GroupId == r.GroupId && m.UserId == me && !m.Pending));
        }

        if (query.Open != false)
        {
            rows = rows.Where(r => r.ClosedAt == null);
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, CursorSort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var after = cursor.Id;
            rows = rows.Where(r => r.Id.CompareTo(after) < 0);
        }

        var page = await rows.AsNoTracking().OrderByDescending(r => r.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For(CursorSort, page[limit - 1].Id).Encode() : null;
        var groupIds = page.Take(limit).Select(r => r.GroupId).OfType<Guid>().Distinct().ToList();
        var groups = await db.CommunityGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, cancellationToken);
        var moderator = CommunityAccess.IsModerator(user);
        var leading = (await db.GroupMembers.AsNoTracking()
            .Where(m => m.UserId == me && !m.Pending && groupIds.Contains(m.GroupId) && (m.Role == GroupRoles.Owner || m.Role == GroupRoles.Leader))
            .Select(m => m.GroupId).ToListAsync(cancellationToken)).ToHashSet();
        var items = new List<PrayerRoomResponse>(limit);
        foreach (var room in page.Take(limit))
        {
            var group = room.GroupId is { } id ? groups.GetValueOrDefault(id) : null;
            var canClose = room.HostId == me || moderator || (room.GroupId is { } g && leading.Contains(g));
            items.Add(await rooms.ToResponseAsync(new PrayerRoomView(room, group, room.HostId == me, canClose), user, cancellationToken));
        }

        return TypedResults.Ok(new CommunityPage<PrayerRoomResponse>(items, next));
    }

    public static async Task<Results<Ok<PrayerRoomResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken) =>
        Answer(await rooms.GetAsync(id, user, cancellationToken));

    public static async Task<Results<Ok<PrayerRoomResponse>, ProblemHttpResult>> CloseAsync(
        Guid id, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken) =>
        Answer(await rooms.CloseAsync(id, user, cancellationToken));

    public static async Task<Results<Ok<IReadOnlyList<PrayerRoomRequestResponse>>, ValidationProblem, ProblemHttpResult>> RequestsAsync(
        Guid id, [AsParameters] PrayerRoomRequestsQuery query, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.RequestsAsync(id, user, cancellationToken, query.Before, query.Limit);
        return result switch
        {
            { Value: { } list } => TypedResults.Ok(list),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<Ok<PrayerRoomMessageResponse>, ValidationProblem, ProblemHttpResult>> EditMessageAsync(
        Guid id, Guid messageId, PrayerRoomTextRequest request, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.EditMessageAsync(id, messageId, request.Text, user, cancellationToken);
        return result switch
        {
            { Value: { } message } => TypedResults.Ok(message),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteMessageAsync(
        Guid id, Guid messageId, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.DeleteMessageAsync(id, messageId, user, cancellationToken);
        return result.Value ? TypedResults.NoContent() : (ProblemHttpResult)result.Error!;
    }

    public static async Task<Results<Created<PrayerRoomRequestResponse>, ValidationProblem, ProblemHttpResult>> AddRequestAsync(
        Guid id, PrayerRoomTextRequest request, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.AddRequestAsync(id, request.Text, user, cancellationToken);
        return result switch
        {
            { Value: { } added } => TypedResults.Created($"/api/v1/prayer-rooms/{id}/requests/{added.Id}", added),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<Ok<PrayerRoomRequestResponse>, ProblemHttpResult>> PrayingAsync(
        Guid id, Guid requestId, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken) =>
        Answer(await rooms.PrayingAsync(id, requestId, user, cancellationToken));

    public static async Task<Results<Ok<PrayerRoomResponse>, ValidationProblem, ProblemHttpResult>> PinAsync(
        Guid id, PrayerRoomPinRequest request, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.PinAsync(id, request.RequestId, user, cancellationToken);
        return result switch
        {
            { Value: { } room } => TypedResults.Ok(room),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<Ok<CommunityPage<PrayerRoomMessageResponse>>, ValidationProblem, ProblemHttpResult>> MessagesAsync(
        Guid id, [AsParameters] UserListQuery query, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.MessagesAsync(id, query.Cursor, query.Limit, user, cancellationToken);
        return result switch
        {
            { Value: { } page } => TypedResults.Ok(page),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<Created<PrayerRoomMessageResponse>, ValidationProblem, ProblemHttpResult>> SendMessageAsync(
        Guid id, PrayerRoomTextRequest request, ClaimsPrincipal user, LivePrayerRooms rooms, CancellationToken cancellationToken)
    {
        var result = await rooms.SendMessageAsync(id, request.Text, user, cancellationToken);
        return result switch
        {
            { Value: { } message } => TypedResults.Created($"/api/v1/prayer-rooms/{id}/messages/{message.Id}", message),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(ChatResult<T> result) =>
        result.Value is { } value ? TypedResults.Ok(value) : (ProblemHttpResult)result.Error!;
}
