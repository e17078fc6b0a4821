using Selah.Contracts.Accounts;

namespace Selah.Server.Features.Accounts;

/// <summary>Authorisation policies used at endpoints (never role strings there).</summary>
public static class Policies
{
    public const string Admin = "admin";
    public const string Moderator = "moderator";
    public const string Artist = "artist";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationBuilder authorization) => authorization
        .AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin))
        .AddPolicy(Moderator, p => p.RequireAuthenticatedUser().RequireRole(Roles.Moderator, Roles.Admin))
        .AddPolicy(Artist, p => p.RequireAuthenticatedUser().RequireRole(Roles.Artist, Roles.Admin));
}
