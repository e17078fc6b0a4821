using Microsoft.AspNetCore.DataProtection;

namespace Selah.Server.Features.Accounts;

/// <summary>
/// The short-lived token that links the two steps of a two-factor sign-in: it proves the password (or Google) step
/// succeeded for a user and session stamp in the last five minutes.
/// </summary>
public sealed class TwoFactorChallenges(IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("Selah.Accounts.TwoFactorChallenge.v1").ToTimeLimitedDataProtector();

    public string Create(SelahUser user) =>
        _protector.Protect($"{user.Id:N}|{user.SessionStamp}", clock.GetUtcNow().Add(Lifetime));

    /// <returns>The user id and session stamp, or null when the token is forged, altered or expired.</returns>
    public (Guid UserId, string SessionStamp)? Read(string token)
    {
        try
        {
            var payload = _protector.Unprotect(token, out var expiration);
            if (expiration <= clock.GetUtcNow())
            {
                return null;
            }

            var parts = payload.Split('|');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var id) ? (id, parts[1]) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
