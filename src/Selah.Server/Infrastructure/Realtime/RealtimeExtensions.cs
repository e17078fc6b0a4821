using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Selah.Server.Infrastructure.Web;
using StackExchange.Redis;

namespace Selah.Server.Infrastructure.Realtime;

/// <summary>
/// SignalR for every feature's hub: JSON with the API's conventions (camelCase, enums as camelCase strings), users
/// addressed by their account id (<c>sub</c>), and, when <c>ConnectionStrings:Redis</c> is set, the Redis backplane so a
/// message sent on one node reaches connections on every node. Hubs live under <c>/hubs/*</c>; browsers authenticate
/// with the session cookie, other clients with <c>?access_token=</c> (WebSockets cannot carry headers).
/// </summary>
public static class RealtimeExtensions
{
    public const string ChannelPrefix = "selah:signalr";

    public static IHostApplicationBuilder AddSelahRealtime(this IHostApplicationBuilder builder)
    {
        var signalR = builder.Services.AddSignalR(o =>
        {
            o.EnableDetailedErrors = builder.Environment.IsDevelopment();
            o.MaximumReceiveMessageSize = 64 * 1024;
        }).AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        });
        builder.Services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();

        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Its own connections, not the shared multiplexer: each hub's lifetime manager disposes the connection it
            // was given when the host stops, which broke the other hubs (and the cache) sharing it.
            signalR.AddStackExchangeRedis(redis, o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
                o.Configuration.AbortOnConnectFail = false; // keep serving when Redis is down; reconnect in the background
            });
        }

        return builder;
    }

    /// <summary>The id SignalR addresses a user by (<c>Clients.User(...)</c>): the account id in its "D" form.</summary>
    public static string UserKey(Guid userId) => userId.ToString("D");

    private sealed class SubjectUserIdProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) =>
            connection.User.TryGetUserId() is { } id ? UserKey(id) : null;
    }
}
