using Microsoft.Extensions.Options;
using Selah.Server.Features.Community.Notifications.WebPush;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>
/// Notifications beyond the app: preferences and quiet hours, email (immediate and daily digest, signed unsubscribe)
/// and Web Push (VAPID, RFC 8291), sent by <see cref="NotificationDispatchJob"/> from the <see cref="NotificationDelivery"/> outbox.
/// </summary>
public static class NotificationDeliveryExtensions
{
    public static IHostApplicationBuilder AddNotificationDelivery(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSelahOptions<NotificationOptions>(NotificationOptions.Section);
        services.AddSelahOptions<WebPushOptions>(WebPushOptions.Section);
        services.AddScoped<INotificationSink, OutboundNotificationSink>();
        services.AddSingleton<VapidKeys>();
        services.AddSingleton<IStartupSeeder>(sp => sp.GetRequiredService<VapidKeys>());
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<WebPushSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddTransient<NotificationDispatchJob>();
        services.AddHostedService<NotificationDispatchSchedule>();
        services.AddHttpClient(WebPushSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(sp => WebPushSender.CreateHandler(sp.GetRequiredService<IOptions<WebPushOptions>>().Value.AllowLoopbackHttp));
        return builder;
    }

    public static IEndpointRouteBuilder MapNotificationDelivery(this IEndpointRouteBuilder app)
    {
        app.MapNotificationPreferencesApi();
        app.MapUnsubscribeApi();
        app.MapPushApi();
        return app;
    }
}
