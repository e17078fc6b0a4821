using Microsoft.AspNetCore.Identity;
using Selah.Contracts.Admin;

namespace Selah.Server.Features.Accounts;

/// <summary>A person with an account: listener, artist, moderator or admin.</summary>
public sealed class SelahUser : IdentityUser<Guid>
{
    public SelahUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
        SessionStamp = Guid.NewGuid().ToString("N");
    }

    public string DisplayName { get; set; } = "";
    public string? Bio { get; set; }
    public string? AvatarKey { get; set; }
    public string? PreferredTranslation { get; set; }
    public List<string> FavouriteGenres { get; set; } = [];
    public string? Church { get; set; }
    public string? Denomination { get; set; }
    public string? TimeZone { get; set; }
    public AccountStatus Status { get; set; } = AccountStatus.Active;
    public DateTimeOffset? SuspendedUntil { get; set; }
    public string? StatusReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Changes when every session must end (ban, suspension, password change or reset). Access tokens and cookies carry it
    /// and are refused once it differs. Kept apart from Identity's security stamp, which also changes on 2FA enrolment.
    /// </summary>
    public string SessionStamp { get; set; }

    /// <summary>Whether the account may use its sessions at <paramref name="now"/>.</summary>
    public bool IsBlocked(DateTimeOffset now) =>
        Status == AccountStatus.Banned || (Status == AccountStatus.Suspended && (SuspendedUntil is null || SuspendedUntil > now));
}

public sealed class SelahRole : IdentityRole<Guid>
{
    public SelahRole()
    {
        Id = Guid.CreateVersion7();
    }

    public SelahRole(string name) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}
