using System.ComponentModel.DataAnnotations;

namespace Selah.Server.Features.Accounts;

/// <summary><c>Selah:Auth:*</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Selah:Auth";

    public string Issuer { get; set; } = "selah";
    public string Audience { get; set; } = "selah-api";

    [Range(1, 1440, ErrorMessage = "must be between 1 and 1440 minutes.")]
    public int AccessTokenMinutes { get; set; } = 15;

    [Range(1, 365, ErrorMessage = "must be between 1 and 365 days.")]
    public int RefreshTokenDays { get; set; } = 30;

    [Range(1, 1440, ErrorMessage = "must be between 1 and 1440 minutes.")]
    public int EmailCodeMinutes { get; set; } = 15;

    [Range(1, 20, ErrorMessage = "must be between 1 and 20.")]
    public int EmailCodeMaxAttempts { get; set; } = 5;

    [Range(1, 100, ErrorMessage = "must be between 1 and 100.")]
    public int LockoutMaxFailedAttempts { get; set; } = 5;

    [Range(1, 1440, ErrorMessage = "must be between 1 and 1440 minutes.")]
    public int LockoutMinutes { get; set; } = 15;

    public GoogleSignInOptions Google { get; set; } = new();
}

/// <summary><c>Selah:Auth:Google:*</c>. Sign in with Google is enabled when at least one client id is set.</summary>
public sealed class GoogleSignInOptions
{
    public List<string> ClientIds { get; set; } = [];
    public string JwksUrl { get; set; } = "https://www.googleapis.com/oauth2/v3/certs";
    /// <summary>Accepted <c>iss</c> values; empty means Google's two.</summary>
    public List<string> Issuers { get; set; } = [];

    public IReadOnlyList<string> EffectiveIssuers => Issuers.Count > 0 ? Issuers : ["https://accounts.google.com", "accounts.google.com"];
}
