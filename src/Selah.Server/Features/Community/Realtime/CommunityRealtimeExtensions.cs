using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Web;
using StackExchange.Redis;

namespace Selah.Server.Features.Community.Realtime;

/// <summary>
/// Live community: the <c>/hubs/notifications</c> and <c>/hubs/groups</c> hubs, the live notification sink, chat
/// presence (Redis when configured) and the read-marker endpoints (<c>/api/v1/groups/{id}/read</c>, <c>/api/v1/groups/unread</c>).
/// </summary>
public static class CommunityRealtimeExtensions
{
    /// <summary>Call after the in-app store is registered as a sink (the live sink relies on its rows).</summary>
    public static IHostApplicationBuilder AddCommunityRealtime(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<GroupChat>();
        services.AddSingleton<ChatConnections>();
        services.AddSingleton<ChatPresenceRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatPresenceRefresher>());
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Redis")))
        {
            services.AddSingleton<IChatPresence, MemoryChatPresence>();
        }
        else
        {
            services.AddSingleton<IChatPresence>(sp => new RedisChatPresence(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<LiveNotifications>();
        services.AddHostedService<LiveNotificationPump>();
        services.AddScoped<INotificationSink, LiveNotificationSink>();
        return builder;
    }

    /// <summary>Maps the hubs, and the read-marker endpoints on <paramref name="groups"/> (the authorised <c>/api/v1/groups</c> route group).</summary>
    public static IEndpointRouteBuilder MapCommunityRealtime(this IEndpointRouteBuilder app, RouteGroupBuilder groups)
    {
        app.MapHub<NotificationsHub>(NotificationsHub.Path).RequireAuthorization();
        app.MapHub<GroupsHub>(GroupsHub.Path).RequireAuthorization();

        groups.MapGet("/unread", UnreadAsync).WithName("ListGroupChatUnread").WithSummary("Chat read markers and unread counts of all your groups.");
        groups.MapGet("/{id:guid}/read", ReadStateAsync).WithName("GetGroupChatReadState").WithSummary("Your chat read marker and unread count (members).");
        groups.MapPut("/{id:guid}/read", MarkReadAsync).WithName("MarkGroupChatRead")
            .WithSummary("Mark the chat read up to a message (markers never move backwards); members see a live `read` event.");
        return app;
    }

    public static async Task<Ok<List<GroupReadStateResponse>>> UnreadAsync(ClaimsPrincipal user, GroupChat chat, CancellationToken cancellationToken) =>
        TypedResults.Ok(await chat.ReadStatesAsync(user.GetUserId(), cancellationToken));

    public static async Task<Results<Ok<GroupReadStateResponse>, ProblemHttpResult>> ReadStateAsync(
        Guid id, ClaimsPrincipal user, GroupChat chat, CancellationToken cancellationToken)
    {
        var result = await chat.ReadStateAsync(id, user, cancellationToken);
        return result.Value is { } state ? TypedResults.Ok(state) : (ProblemHttpResult)result.Error!;
    }

    public static async Task<Results<Ok<GroupReadStateResponse>, ValidationProblem, ProblemHttpResult>> MarkReadAsync(
        Guid id, GroupReadRequest request, ClaimsPrincipal user, GroupChat chat, CancellationToken cancellationToken)
    {
        var result = await chat.MarkReadAsync(id, request.MessageId!.Value, user, cancellationToken);
        return result switch
        {
            { Value: { } state } => TypedResults.Ok(state),
            { Error: ValidationProblem invalid } => invalid,
            _ => (ProblemHttpResult)result.Error!,
        };
    }
}
