using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Selah.Client.Api;
using Selah.Client.Auth;
using Selah.Client.Browser;
using Selah.Client.Theme;

namespace Selah.Client;

public static class ClientServices
{
    /// <summary>The API clients (cookie auth + antiforgery), the auth state and the browser helpers.</summary>
    public static IServiceCollection AddSelahClient(this IServiceCollection services, Uri baseAddress)
    {
        // One handler instance per app so its cached antiforgery token is shared by every request.
        services.AddSingleton(_ => new AntiforgeryHandler { InnerHandler = new HttpClientHandler() });
        services.AddSingleton(sp => new HttpClient(sp.GetRequiredService<AntiforgeryHandler>(), disposeHandler: false) { BaseAddress = baseAddress });
        services.AddSingleton<ApiTransport>();
        services.AddSingleton<AuthApi>();
        services.AddSingleton<ProfileApi>();
        services.AddSingleton<AdminUsersApi>();
        services.AddSingleton<CatalogApi>();
        services.AddSingleton<LibraryApi>();
        services.AddSingleton<SearchApi>();
        services.AddSingleton<PlayerApi>();
        services.AddSingleton<Selah.Client.Components.Player.PlayerService>();
        services.AddSingleton<Selah.Client.Components.Player.DownloadsService>();
        services.AddSingleton<Selah.Client.Pages.Bible.BibleOfflineService>();
        services.AddSingleton<StudioApi>();
        services.AddSingleton<NotificationCenterApi>();

        services.AddAuthorizationCore();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<SelahAuthenticationStateProvider>();
        services.AddSingleton<AuthenticationStateProvider>(sp => sp.GetRequiredService<SelahAuthenticationStateProvider>());

        services.AddSingleton<ThemePreference>();
        services.AddSingleton<BrowserTime>();
        return services;
    }
}
