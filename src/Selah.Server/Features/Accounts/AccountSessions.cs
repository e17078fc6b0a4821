using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Selah.Contracts.Accounts;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Accounts;

/// <summary>Finishes a successful sign-in the way the caller asked: a cookie for the browser, a token pair for API clients.</summary>
public sealed class AccountSessions(UserManager<SelahUser> users, SessionTokens tokens, TwoFactorChallenges challenges, TimeProvider clock)
{
    /// <summary>Refuses blocked accounts, asks for the second factor when enabled, and otherwise signs in.</summary>
    public async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> CompleteFirstStepAsync(
        HttpContext http, SelahUser user, bool useCookies, CancellationToken cancellationToken)
    {
        if (Blocked(user) is { } problem)
        {
            return problem;
        }

        if (user.TwoFactorEnabled)
        {
            return TypedResults.Ok(new LoginResponse { RequiresTwoFactor = true, TwoFactorToken = challenges.Create(user) });
        }

        return TypedResults.Ok(await SignInAsync(http, user, useCookies, null, cancellationToken));
    }

    public ProblemHttpResult? Blocked(SelahUser user)
    {
        if (!user.IsBlocked(clock.GetUtcNow()))
        {
            return null;
        }

        return user.Status == Contracts.Admin.AccountStatus.Banned
            ? Problems.Forbidden("account-banned", "This account has been banned.", user.StatusReason)
            : Problems.Forbidden("account-suspended", $"This account is suspended until {user.SuspendedUntil:u}.", user.StatusReason);
    }

    public async Task<LoginResponse> SignInAsync(HttpContext http, SelahUser user, bool useCookies, Guid? familyId, CancellationToken cancellationToken)
    {
        var roles = await users.GetRolesAsync(user);
        if (!useCookies)
        {
            return await tokens.IssueAsync(user, roles, familyId, cancellationToken);
        }

        var identity = new ClaimsIdentity(SelahClaims.For(user, roles), IdentityConstants.ApplicationScheme, SelahClaims.Name, SelahClaims.Role);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = true });
        return new LoginResponse();
    }

    /// <summary>Ends every session of <paramref name="user"/>: new session stamp (access tokens, cookies) and revoked refresh tokens.</summary>
    public async Task EndAllSessionsAsync(SelahUser user, string reason, CancellationToken cancellationToken)
    {
        user.SessionStamp = Guid.NewGuid().ToString("N");
        await users.UpdateAsync(user);
        await tokens.RevokeAllAsync(user.Id, reason, cancellationToken);
    }
}
