using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Selah.Contracts.Accounts;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Accounts;

/// <summary>Claim names shared by access tokens and the browser cookie.</summary>
public static class SelahClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Email = "email";
    public const string Role = "role";
    public const string SessionStamp = "ss";

    public static List<Claim> For(SelahUser user, IEnumerable<string> roles)
    {
        var claims = new List<Claim>
        {
            new(Subject, user.Id.ToString()),
            new(Name, user.DisplayName),
            new(Email, user.Email ?? ""),
            new(SessionStamp, user.SessionStamp),
        };
        claims.AddRange(roles.Select(r => new Claim(Role, r)));
        return claims;
    }
}

/// <summary>Issues access tokens and rotates refresh tokens with reuse detection.</summary>
public sealed class SessionTokens(
    SelahDbContext db,
    SigningKeyStore keys,
    IOptions<AuthOptions> options,
    TimeProvider clock,
    ILogger<SessionTokens> logger)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public async Task<LoginResponse> IssueAsync(SelahUser user, IEnumerable<string> roles, Guid? familyId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var access = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Subject = new ClaimsIdentity(SelahClaims.For(user, roles)),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(settings.AccessTokenMinutes).UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });

        var raw = Base64Url(RandomNumberGenerator.GetBytes(32));
        db.RefreshTokens.Add(new RefreshToken
        {
            UserId = user.Id,
            FamilyId = familyId ?? Guid.CreateVersion7(),
            TokenHash = Hash(raw),
            CreatedAt = now,
            ExpiresAt = now.AddDays(settings.RefreshTokenDays),
        });
        await db.SaveChangesAsync(cancellationToken);

        return new LoginResponse
        {
            AccessToken = access,
            RefreshToken = raw,
            ExpiresIn = settings.AccessTokenMinutes * 60,
            TokenType = "Bearer",
        };
    }

    /// <summary>
    /// Consumes <paramref name="raw"/> and returns the family and user it belongs to, or null when it is unknown, expired,
    /// revoked or already used — the last two revoke the whole family.
    /// </summary>
    public async Task<(Guid FamilyId, Guid UserId)?> ConsumeAsync(string raw, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = Hash(raw);
        var token = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            return null;
        }

        if (token.RevokedAt is not null || token.ConsumedAt is not null)
        {
            logger.LogWarning("Refresh token reuse for user {UserId}; revoking family {FamilyId}", token.UserId, token.FamilyId);
            await RevokeFamilyAsync(token.FamilyId, "reuse", cancellationToken);
            return null;
        }

        if (token.ExpiresAt <= now)
        {
            return null;
        }

        // Only one of two concurrent presenters wins; the loser is treated as reuse.
        var consumed = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.ConsumedAt == null && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ConsumedAt, now), cancellationToken);
        if (consumed == 0)
        {
            await RevokeFamilyAsync(token.FamilyId, "reuse", cancellationToken);
            return null;
        }

        return (token.FamilyId, token.UserId);
    }

    /// <summary>Revokes the family of <paramref name="raw"/> (sign-out). Unknown tokens are ignored.</summary>
    public async Task RevokeFamilyOfAsync(string raw, CancellationToken cancellationToken)
    {
        var hash = Hash(raw);
        var familyId = await db.RefreshTokens.Where(t => t.TokenHash == hash).Select(t => (Guid?)t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (familyId is { } id)
        {
            await RevokeFamilyAsync(id, "logout", cancellationToken);
        }
    }

    public Task<int> RevokeFamilyAsync(Guid familyId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), cancellationToken);
    }

    public Task<int> RevokeAllAsync(Guid userId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.RevokedReason, reason), cancellationToken);
    }

    internal static string Hash(string raw) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(raw)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
