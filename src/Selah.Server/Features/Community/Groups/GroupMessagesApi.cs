using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Moderation;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>
/// Group chat, persisted: history newest first with a keyset cursor (members only), send (first-pass moderated; a held
/// message is visible only to its author), edit own, delete own (leaders may delete anyone's). The live hub comes later
/// and will send through the same store.
/// </summary>
public static class GroupMessagesApi
{
    public const string ChatPolicy = "community-chat";
    private const string CursorSort = "messages";

    public static void MapGroupMessagesApi(RouteGroupBuilder groups)
    {
        groups.MapGet("/{id:guid}/messages", ListAsync).WithName("ListGroupMessages").WithSummary("Chat history, newest first (members).");
        groups.MapPost("/{id:guid}/messages", SendAsync).WithName("SendGroupMessage").WithSummary("Send a chat message (members).")
            .RateLimited<ClaimsPrincipal>(ChatPolicy, u => u.TryGetUserId()?.ToString());
        groups.MapPatch("/{id:guid}/messages/{messageId:guid}", EditAsync).WithName("EditGroupMessage").WithSummary("Edit your message.");
        groups.MapDelete("/{id:guid}/messages/{messageId:guid}", DeleteAsync).WithName("DeleteGroupMessage")
            .WithSummary("Delete your message (leaders: anyone's).");
    }

    public static async Task<Results<Ok<CommunityPage<GroupMessageResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid id, [AsParameters] UserListQuery query, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || (!view.IsMember && view.Group.IsPrivate))
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsMember)
        {
            return Problems.Forbidden("not-a-member", "Join the group to read its chat.");
        }

        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var rows = db.GroupMessages.AsNoTracking().Where(m => m.GroupId == id && (m.Status == ContentStatus.Published || m.AuthorId == me));
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, CursorSort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var before = cursor.Id;
            rows = rows.Where(m => m.Id.CompareTo(before) < 0);
        }

        var page = await rows.OrderByDescending(m => m.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? CatalogCursor.For(CursorSort, page[limit - 1].Id).Encode() : null;
        page = page.Take(limit).ToList();
        var names = await PostMapper.UserNamesAsync(db, page.Select(m => m.AuthorId).Distinct().ToList(), cancellationToken);
        return TypedResults.Ok(new CommunityPage<GroupMessageResponse>(page.Select(m => ToResponse(m, names)).ToList(), next));
    }

    public static async Task<Results<Created<GroupMessageResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        Guid id, GroupMessageRequest request, ClaimsPrincipal user, SelahDbContext db, ContentModerator moderator, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || (!view.IsMember && view.Group.IsPrivate))
        {
            return Problems.NotFound("The group");
        }

        if (!view.IsMember)
        {
            return Problems.Forbidden("not-a-member", "Join the group to chat.");
        }

        var text = request.Text.Trim();
        if (text.Length == 0)
        {
            return Problems.Field("text", "Text must not be empty.");
        }

        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, text, IsPost: false), CommunityAccess.IsModerator(user), cancellationToken);
        var message = new GroupMessage { GroupId = id, AuthorId = me, Text = text, Status = verdict.Status, CreatedAt = clock.GetUtcNow() };
        db.GroupMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        var names = await PostMapper.UserNamesAsync(db, [me], cancellationToken);
        return TypedResults.Created($"/api/v1/groups/{id}/messages/{message.Id}", ToResponse(message, names));
    }

    public static async Task<Results<Ok<GroupMessageResponse>, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid id, Guid messageId, GroupMessageRequest request, ClaimsPrincipal user, SelahDbContext db, ContentModerator moderator,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var (message, problem) = await FindAsync(db, id, messageId, user, cancellationToken);
        if (message is null)
        {
            return problem!;
        }

        if (message.AuthorId != me)
        {
            return Problems.Forbidden("not-your-message", "Only the author may edit a message.");
        }

        var text = request.Text.Trim();
        if (text.Length == 0)
        {
            return Problems.Field("text", "Text must not be empty.");
        }

        message.Text = text;
        message.EditedAt = clock.GetUtcNow();
        var verdict = await moderator.CheckAsync(db, new ModerationSubject(me, text, false, message.Id), CommunityAccess.IsModerator(user), cancellationToken);
        if (verdict.Held)
        {
            message.Status = ContentStatus.Held;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(message, await PostMapper.UserNamesAsync(db, [me], cancellationToken)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Guid messageId, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var (message, problem) = await FindAsync(db, id, messageId, user, cancellationToken);
        if (message is null)
        {
            return problem!;
        }

        var view = (await GroupAccess.FindAsync(db, id, user, cancellationToken))!;
        if (message.AuthorId != me && !view.IsLeader && !CommunityAccess.IsModerator(user))
        {
            return Problems.Forbidden("not-your-message", "Only the author or a group leader may delete a message.");
        }

        message.DeletedAt = clock.GetUtcNow();
        message.DeletedById = me;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(GroupMessage? Message, ProblemHttpResult? Problem)> FindAsync(
        SelahDbContext db, Guid id, Guid messageId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var view = await GroupAccess.FindAsync(db, id, user, cancellationToken);
        if (view is null || !view.IsMember)
        {
            return (null, Problems.NotFound("The group"));
        }

        var message = await db.GroupMessages.FirstOrDefaultAsync(
            m => m.Id == messageId && m.GroupId == id && m.DeletedAt == null && (m.Status == ContentStatus.Published || m.AuthorId == me), cancellationToken);
        return message is null ? (null, Problems.NotFound("The message")) : (message, null);
    }

    private static GroupMessageResponse ToResponse(GroupMessage m, IReadOnlyDictionary<Guid, string> names)
    {
        var deleted = m.DeletedAt is not null;
        return new GroupMessageResponse(m.Id, m.GroupId, deleted ? null : new CommunityUser(m.AuthorId, names.GetValueOrDefault(m.AuthorId, "")),
            deleted ? "" : m.Text, m.Status, m.CreatedAt, m.EditedAt, deleted);
    }
}
