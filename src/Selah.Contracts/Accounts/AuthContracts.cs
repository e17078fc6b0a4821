using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Accounts;

/// <summary>Creates an account. A 6-digit verification code is emailed to the address.</summary>
public sealed record RegisterRequest
{
    [Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Email is not a valid email address."), MaxLength(254, ErrorMessage = "Email must be at most 254 characters.")]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Password is required."), MinLength(AccountLimits.PasswordMinLength, ErrorMessage = "Password must be at least 8 characters."), MaxLength(AccountLimits.PasswordMaxLength, ErrorMessage = "Password must be at most 128 characters.")]
    public string Password { get; init; } = "";

    [Required(ErrorMessage = "Display name is required."), MaxLength(AccountLimits.DisplayNameMaxLength, ErrorMessage = "Display name must be at most 60 characters.")]
    public string DisplayName { get; init; } = "";
}

/// <summary>Returned by registration: the new account's id and where the code went.</summary>
public sealed record RegisterResponse(Guid UserId, string Email, bool VerificationRequired);

/// <summary>Confirms an email address with the emailed 6-digit code.</summary>
public sealed record VerifyEmailRequest
{
    [Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Email is not a valid email address."), MaxLength(254)]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Code is required."), RegularExpression("^[0-9]{6}$", ErrorMessage = "Code must be 6 digits.")]
    public string Code { get; init; } = "";
}

/// <summary>A request that names only an email address (resend verification, forgot password).</summary>
public sealed record EmailRequest
{
    [Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Email is not a valid email address."), MaxLength(254)]
    public string Email { get; init; } = "";
}

/// <summary>Signs in with email and password.</summary>
public sealed record LoginRequest
{
    [Required(ErrorMessage = "Email is required."), MaxLength(254)]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Password is required."), MaxLength(AccountLimits.PasswordMaxLength)]
    public string Password { get; init; } = "";
}

/// <summary>Second step of a sign-in that needs two-factor authentication: an authenticator code or a recovery code.</summary>
public sealed record TwoFactorLoginRequest
{
    [Required(ErrorMessage = "Two-factor token is required."), MaxLength(4096)]
    public string TwoFactorToken { get; init; } = "";

    /// <summary>6-digit code from the authenticator app.</summary>
    [MaxLength(16)]
    public string? Code { get; init; }

    /// <summary>One of the recovery codes issued when two-factor was enabled.</summary>
    [MaxLength(32)]
    public string? RecoveryCode { get; init; }
}

/// <summary>Signs in with a Google ID token obtained by the client.</summary>
public sealed record GoogleLoginRequest
{
    [Required(ErrorMessage = "ID token is required."), MaxLength(8192)]
    public string IdToken { get; init; } = "";
}

/// <summary>Exchanges a refresh token for a new access/refresh pair; also used to sign out.</summary>
public sealed record RefreshRequest
{
    [Required(ErrorMessage = "Refresh token is required."), MaxLength(512)]
    public string RefreshToken { get; init; } = "";
}

/// <summary>Signs out: revokes the refresh token's family (API clients) and/or clears the cookie (browser).</summary>
public sealed record LogoutRequest
{
    [MaxLength(512)]
    public string? RefreshToken { get; init; }
}

/// <summary>Sets a new password with the emailed reset code.</summary>
public sealed record ResetPasswordRequest
{
    [Required(ErrorMessage = "Email is required."), EmailAddress(ErrorMessage = "Email is not a valid email address."), MaxLength(254)]
    public string Email { get; init; } = "";

    [Required(ErrorMessage = "Code is required."), RegularExpression("^[0-9]{6}$", ErrorMessage = "Code must be 6 digits.")]
    public string Code { get; init; } = "";

    [Required(ErrorMessage = "New password is required."), MinLength(AccountLimits.PasswordMinLength, ErrorMessage = "Password must be at least 8 characters."), MaxLength(AccountLimits.PasswordMaxLength, ErrorMessage = "Password must be at most 128 characters.")]
    public string NewPassword { get; init; } = "";
}

/// <summary>
/// Result of a sign-in. Either the token pair (API clients), nothing but a cookie (browser, <c>useCookies=true</c>),
/// or <see cref="RequiresTwoFactor"/> with a short-lived <see cref="TwoFactorToken"/> for the second step.
/// </summary>
public sealed record LoginResponse
{
    public string? AccessToken { get; init; }
    public string? RefreshToken { get; init; }
    /// <summary>Access-token lifetime in seconds.</summary>
    public int? ExpiresIn { get; init; }
    public string? TokenType { get; init; }
    public bool RequiresTwoFactor { get; init; }
    public string? TwoFactorToken { get; init; }
}

/// <summary>Antiforgery request token for cookie-authenticated browsers; send it as the <c>X-XSRF-TOKEN</c> header.</summary>
public sealed record AntiforgeryTokenResponse(string Token, string HeaderName);

public static class AccountLimits
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int DisplayNameMaxLength = 60;
    public const int BioMaxLength = 1000;
}

public static class Roles
{
    public const string Listener = "listener";
    public const string Artist = "artist";
    public const string Moderator = "moderator";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Listener, Artist, Moderator, Admin];
}
