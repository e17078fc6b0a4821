using Microsoft.Extensions.Options;
using Selah.Contracts.Accounts;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Worship;

/// <summary>
/// Songs, arrangements (ChordPro), transposition and set lists. Writing songs needs the <see cref="WorshipLeaderPolicy"/>
/// (admins, moderators and artists today; a dedicated worship-leader role can join it later); reading needs sign-in.
/// </summary>
public static class WorshipExtensions
{
    public const string WorshipLeaderPolicy = "worship-leader";

    public static IHostApplicationBuilder AddWorship(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(WorshipLeaderPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Moderator, Roles.Artist));
        builder.Services.PostConfigure<RateLimitOptions>(options =>
            options.Policies.TryAdd("transpose", new RateLimitPolicy { PerIp = 120, PerAccount = 0, WindowSeconds = 60 }));
        builder.Services.AddSingleton<WorshipLiveSessions>();
        builder.Services.AddSingleton<WorshipConnections>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWorshipApi(this IEndpointRouteBuilder app)
    {
        app.MapChordsApi();
        app.MapSongsApi();
        app.MapSetListsApi();
        app.MapTrackScriptureApi();
        app.MapHub<WorshipHub>(WorshipHub.Path).RequireAuthorization();
        return app;
    }

    internal static RouteGroupBuilder Group(IEndpointRouteBuilder app, string prefix) =>
        app.MapGroup(prefix).WithTags("Worship").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    internal static bool CanWrite(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Artist);
}
