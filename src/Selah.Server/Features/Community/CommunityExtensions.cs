using Selah.Server.Features.Accounts;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Features.Community.Moderation;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.PrayerRooms;
using Selah.Server.Features.Community.Realtime;
using Selah.Server.Features.Community.Social;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community;

public static class CommunityExtensions
{
    public static IHostApplicationBuilder AddCommunity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSelahOptions<ModerationOptions>(ModerationOptions.Section);
        builder.Services.AddSingleton<ContentModerator>();
        builder.Services.AddScoped<CommunityNotifier>();
        builder.Services.AddSingleton<ReleaseAnnouncer>();
        builder.Services.AddTransient<ReleaseAnnouncementJob>();
        builder.Services.AddScoped<PostMentions>();
        builder.Services.AddSingleton<InAppNotificationStore>();
        builder.Services.AddSingleton<INotificationSink>(sp => sp.GetRequiredService<InAppNotificationStore>());
        builder.AddCommunityRealtime(); // after the in-app store: the live sink pushes the rows it saved
        builder.AddNotificationDelivery();
        builder.AddPrayerRooms();
        builder.Services.AddTransient<ChatImageCleanupJob>();
        builder.Services.AddHostedService<ChatImageCleanupSchedule>();
        return builder;
    }

    /// <summary>
    /// Posts, comments, reactions, prayer, reports (<c>/api/v1/posts</c>), follows/blocks/mutes (<c>/api/v1/users</c>),
    /// groups and chat (<c>/api/v1/groups</c>), moderation (<c>/api/v1/moderation</c>, moderators), notifications and
    /// the community guidelines. Reads of public posts are anonymous; everything else needs a signed-in caller.
    /// </summary>
    public static IEndpointRouteBuilder MapCommunityApi(this IEndpointRouteBuilder app)
    {
        var open = Group(app, "/api/v1/posts");
        var signedIn = Group(app, "/api/v1/posts").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        PostsApi.MapPostsApi(open, signedIn);
        PrayerApi.MapPrayerApi(signedIn);
        CommentsApi.MapCommentsApi(open, signedIn);
        ReactionsApi.MapReactionsApi(open, signedIn);
        PostImagesApi.MapPostImagesApi(open, signedIn);

        var moderation = Group(app, "/api/v1/moderation").RequireAuthorization(Policies.Moderator)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        ModerationApi.MapModerationApi(moderation);
        app.MapGet("/api/v1/community/guidelines", ModerationApi.Guidelines).WithTags("Community").WithName("GetCommunityGuidelines")
            .WithSummary("The community guidelines (Markdown and rendered HTML).");

        var groups = Group(app, "/api/v1/groups").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
        GroupsApi.MapGroupsApi(groups);
        GroupMessagesApi.MapGroupMessagesApi(groups);
        GroupSettingsApi.MapGroupSettingsApi(groups, app);
        GroupPlaylistsApi.MapGroupPlaylistsApi(groups);
        ChatImages.MapChatImagesApi(groups);
        app.MapCommunityRealtime(groups);

        app.MapPrayerRoomsApi();
        app.MapSocialApi();
        app.MapNotificationsApi();
        app.MapNotificationDelivery();
        return app;
    }

    private static RouteGroupBuilder Group(IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("Community").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
}
