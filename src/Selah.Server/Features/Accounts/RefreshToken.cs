namespace Selah.Server.Features.Accounts;

/// <summary>
/// One refresh token, stored as a SHA-256 hash. Tokens issued from one sign-in share a <see cref="FamilyId"/>;
/// presenting a consumed or revoked token revokes the whole family (reuse detection, OAuth 2.0 Security BCP §4.14).
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid FamilyId { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
}

public enum EmailCodePurpose
{
    VerifyEmail,
    ResetPassword,
}

/// <summary>A 6-digit code sent by email (verification or password reset): hashed, expiring, single use, limited attempts.</summary>
public sealed class EmailCode
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public EmailCodePurpose Purpose { get; set; }
    public required string CodeHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? ConsumedAt { get; set; }
}
