using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Admin;

/// <summary>Account state as administrators see it.</summary>
public enum AccountStatus
{
    Active,
    Suspended,
    Banned,
}

public sealed record AdminUserResponse
{
    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public bool EmailVerified { get; init; }
    public string DisplayName { get; init; } = "";
    public IReadOnlyList<string> Roles { get; init; } = [];
    public AccountStatus Status { get; init; }
    public DateTimeOffset? SuspendedUntil { get; init; }
    public string? StatusReason { get; init; }
    public bool TwoFactorEnabled { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A page of a keyset-paginated list; pass <see cref="NextCursor"/> back as <c>cursor</c> for the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record SetRolesRequest
{
    [Required(ErrorMessage = "Roles are required."), MaxLength(4)]
    public IReadOnlyList<string> Roles { get; init; } = [];
}

public sealed record SuspendUserRequest
{
    /// <summary>When the suspension ends (UTC); must be in the future.</summary>
    [Required(ErrorMessage = "Until is required.")]
    public DateTimeOffset? Until { get; init; }

    [Required(ErrorMessage = "Reason is required."), MaxLength(500, ErrorMessage = "Reason must be at most 500 characters.")]
    public string Reason { get; init; } = "";
}

public sealed record BanUserRequest
{
    [Required(ErrorMessage = "Reason is required."), MaxLength(500, ErrorMessage = "Reason must be at most 500 characters.")]
    public string Reason { get; init; } = "";
}

public sealed record AuditEntryResponse(Guid Id, Guid? ActorId, string Action, string TargetType, string TargetId, string? Before, string? After, DateTimeOffset At);
