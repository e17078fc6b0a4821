using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Components.Authorization;
using Selah.Client.Api;
using Selah.Contracts.Accounts;

namespace Selah.Client.Auth;

/// <summary>
/// Who is signed in, as <c>GET /api/v1/me</c> says (the auth cookie is HttpOnly, so the browser cannot read it).
/// Call <see cref="RefreshAsync"/> after signing in or out, and <see cref="Update"/> when the profile changes.
/// </summary>
public sealed class SelahAuthenticationStateProvider(ProfileApi profile, AntiforgeryHandler antiforgery, ILogger<SelahAuthenticationStateProvider> logger)
    : AuthenticationStateProvider
{
    private const string AuthenticationType = "Selah.Cookie";
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private Task<AuthenticationState>? _state;

    /// <summary>The signed-in user's profile, or null when signed out (or not yet known).</summary>
    public MeResponse? Me { get; private set; }

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => _state ??= LoadAsync();

    public async Task RefreshAsync()
    {
        antiforgery.Invalidate();
        _state = LoadAsync();
        NotifyAuthenticationStateChanged(_state);
        await _state;
    }

    public void Update(MeResponse me)
    {
        Me = me;
        _state = Task.FromResult(ToState(me));
        NotifyAuthenticationStateChanged(_state);
    }

    public void SignedOut()
    {
        antiforgery.Invalidate();
        Me = null;
        _state = Task.FromResult(Anonymous);
        NotifyAuthenticationStateChanged(_state);
    }

    private async Task<AuthenticationState> LoadAsync()
    {
        try
        {
            Me = await profile.GetMeOrNullAsync();
        }
        catch (ApiProblemException ex)
        {
            // Treat an unreachable or failing server as signed out; pages that need the user report their own errors.
            logger.LogWarning("Could not load the current user: {Status} {Title}", ex.Problem.Status, ex.Problem.Title);
            Me = null;
        }

        return Me is null ? Anonymous : ToState(Me);
    }

    private static AuthenticationState ToState(MeResponse me)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, me.Id.ToString()),
            new(ClaimTypes.Name, me.DisplayName),
            new(ClaimTypes.Email, me.Email),
            .. me.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        return new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, ClaimTypes.Name, ClaimTypes.Role)));
    }
}
