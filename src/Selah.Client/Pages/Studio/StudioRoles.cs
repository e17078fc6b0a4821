using Selah.Contracts.Accounts;

namespace Selah.Client.Pages.Studio;

/// <summary>Who may use the studio: artists (their own catalogue) and admins (everything).</summary>
public static class StudioRoles
{
    public const string Any = Roles.Artist + "," + Roles.Admin;
}
