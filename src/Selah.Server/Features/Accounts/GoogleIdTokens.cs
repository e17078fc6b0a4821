using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Selah.Server.Features.Accounts;

/// <summary>The verified identity inside a Google ID token.</summary>
public sealed record GoogleIdentity(string Subject, string Email, string? Name);

/// <summary>
/// Validates Google ID tokens against Google's published signing keys (JWKS, configurable so tests serve their own):
/// signature, issuer, audience (one of our client ids), lifetime and <c>email_verified</c>.
/// Keys are cached for an hour and refetched at most every five minutes when a token names an unknown key.
/// </summary>
public sealed class GoogleIdTokens(IHttpClientFactory http, IOptions<AuthOptions> options, TimeProvider clock, ILogger<GoogleIdTokens> logger)
{
    private static readonly JsonWebTokenHandler Handler = new();
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private JsonWebKeySet? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public bool Enabled => options.Value.Google.ClientIds.Count > 0;

    public async Task<GoogleIdentity?> ValidateAsync(string idToken, CancellationToken cancellationToken)
    {
        var google = options.Value.Google;
        JsonWebToken parsed;
        try
        {
            parsed = Handler.ReadJsonWebToken(idToken);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var keys = await GetKeysAsync(parsed.Kid, cancellationToken);
        if (keys is null)
        {
            return null;
        }

        var result = await Handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuers = google.EffectiveIssuers,
            ValidAudiences = google.ClientIds,
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
            LifetimeValidator = (notBefore, expires, _, p) =>
                expires is { } exp && exp.ToUniversalTime() > clock.GetUtcNow().UtcDateTime - p.ClockSkew
                && (notBefore is null || notBefore.Value.ToUniversalTime() < clock.GetUtcNow().UtcDateTime + p.ClockSkew),
        });
        if (!result.IsValid)
        {
            logger.LogInformation("Rejected Google ID token: {Reason}", result.Exception?.GetType().Name);
            return null;
        }

        var claims = result.ClaimsIdentity;
        var verified = claims.FindFirst("email_verified")?.Value;
        var email = claims.FindFirst("email")?.Value;
        var subject = claims.FindFirst("sub")?.Value ?? claims.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (subject is null || email is null || !string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new GoogleIdentity(subject, email, claims.FindFirst("name")?.Value);
    }

    private async Task<JsonWebKeySet?> GetKeysAsync(string? kid, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = _keys is not null && (kid is null || _keys.Keys.Any(k => k.Kid == kid));
        var stale = now - _fetchedAt > TimeSpan.FromHours(1);
        var mayRefetch = now - _fetchedAt > TimeSpan.FromMinutes(5);
        if (_keys is not null && known && !stale || _keys is not null && !mayRefetch)
        {
            return _keys;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var client = http.CreateClient(nameof(GoogleIdTokens));
            var json = await client.GetStringAsync(options.Value.Google.JwksUrl, cancellationToken);
            _keys = new JsonWebKeySet(json);
            _fetchedAt = now;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning(ex, "Could not fetch Google signing keys from {Url}", options.Value.Google.JwksUrl);
        }
        finally
        {
            _refresh.Release();
        }

        return _keys;
    }
}
