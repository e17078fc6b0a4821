using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community.Moderation;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Groups;

/// <summary>
/// Group chat, persisted: history newest first with a keyset cursor (members only), send (first-pass moderated; a held
/// message is visible only to its author), edit own, delete own (leaders may delete anyone's). Sending, editing and
/// deleting go through <see cref="GroupChat"/>, shared with the <c>/hubs/groups</c> hub, which also delivers them live.
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
        var images = await ChatImages.ForMessagesAsync(db, page, cancellationToken);
        return TypedResults.Ok(new CommunityPage<GroupMessageResponse>(page.Select(m => GroupChat.ToResponse(m, names, images)).ToList(), next));
    }

    public static async Task<Results<Created<GroupMessageResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        Guid id, GroupMessageRequest request, ClaimsPrincipal user, GroupChat chat, CancellationToken cancellationToken)
    {
        var result = await chat.SendAsync(id, request.Text, request.AttachmentIds, user, cancellationToken);
        return result switch
        {
            { Value: { } message } => TypedResults.Created($"/api/v1/groups/{id}/messages/{message.Id}", message),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<Ok<GroupMessageResponse>, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid id, Guid messageId, GroupMessageRequest request, ClaimsPrincipal user, GroupChat chat, CancellationToken cancellationToken)
    {
        if (request.AttachmentIds is { Count: > 0 })
        {
            return Problems.Field("attachmentIds", "An edit changes the text only; delete the message to take its images back.");
        }

        var result = await chat.EditAsync(id, messageId, request.Text, user, cancellationToken);
        return result switch
        {
            { Value: { } message } => TypedResults.Ok(message),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, Guid messageId, ClaimsPrincipal user, GroupChat chat, CancellationToken cancellationToken)
    {
        var result = await chat.DeleteAsync(id, messageId, user, cancellationToken);
        return result.Value ? TypedResults.NoContent() : (ProblemHttpResult)result.Error!;
    }
}
