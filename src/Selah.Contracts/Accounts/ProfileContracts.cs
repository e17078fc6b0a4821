using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Accounts;

/// <summary>The signed-in user's own profile.</summary>
public sealed record MeResponse
{
    public Guid Id { get; init; }
    public string Email { get; init; } = "";
    public bool EmailVerified { get; init; }
    public string DisplayName { get; init; } = "";
    public string? Bio { get; init; }
    public string? AvatarUrl { get; init; }
    public string? PreferredTranslation { get; init; }
    public IReadOnlyList<string> FavouriteGenres { get; init; } = [];
    public string? Church { get; init; }
    public string? Denomination { get; init; }
    public string? TimeZone { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public bool TwoFactorEnabled { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Partial profile update: a property left out (or null) is not changed; an empty string clears an optional text field.
/// </summary>
public sealed record UpdateMeRequest
{
    [MinLength(1, ErrorMessage = "Display name cannot be empty."), MaxLength(AccountLimits.DisplayNameMaxLength, ErrorMessage = "Display name must be at most 60 characters.")]
    public string? DisplayName { get; init; }

    [MaxLength(AccountLimits.BioMaxLength, ErrorMessage = "Bio must be at most 1000 characters.")]
    public string? Bio { get; init; }

    /// <summary>Bible translation id, e.g. <c>kjv</c>, <c>web</c>, <c>sparv</c>.</summary>
    [RegularExpression("^$|^[a-z0-9-]{2,16}$", ErrorMessage = "Preferred translation must be a translation id such as 'kjv'.")]
    public string? PreferredTranslation { get; init; }

    [MaxLength(20, ErrorMessage = "At most 20 favourite genres.")]
    public IReadOnlyList<string>? FavouriteGenres { get; init; }

    [MaxLength(120, ErrorMessage = "Church must be at most 120 characters.")]
    public string? Church { get; init; }

    [MaxLength(80, ErrorMessage = "Denomination must be at most 80 characters.")]
    public string? Denomination { get; init; }

    /// <summary>IANA time zone id, e.g. <c>Europe/London</c>.</summary>
    [MaxLength(64, ErrorMessage = "Time zone must be at most 64 characters.")]
    public string? TimeZone { get; init; }
}

/// <summary>Changes the password of the signed-in user.</summary>
public sealed record ChangePasswordRequest
{
    [Required(ErrorMessage = "Current password is required."), MaxLength(AccountLimits.PasswordMaxLength)]
    public string CurrentPassword { get; init; } = "";

    [Required(ErrorMessage = "New password is required."), MinLength(AccountLimits.PasswordMinLength, ErrorMessage = "Password must be at least 8 characters."), MaxLength(AccountLimits.PasswordMaxLength, ErrorMessage = "Password must be at most 128 characters.")]
    public string NewPassword { get; init; } = "";
}

/// <summary>Authenticator enrolment data: scan <see cref="QrCodeDataUri"/> or type <see cref="SharedKey"/>.</summary>
public sealed record TwoFactorSetupResponse(string SharedKey, string AuthenticatorUri, string QrCodeDataUri);

/// <summary>Confirms enrolment (or disables two-factor) with a current authenticator code.</summary>
public sealed record TwoFactorCodeRequest
{
    [Required(ErrorMessage = "Code is required."), RegularExpression("^[0-9]{6}$", ErrorMessage = "Code must be 6 digits.")]
    public string Code { get; init; } = "";
}

/// <summary>One-time recovery codes; shown once.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>Public view of a person.</summary>
public sealed record PublicProfileResponse(Guid Id, string DisplayName, string? Bio, string? AvatarUrl, string? Church);
