using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Selah.Contracts.Accounts;
using Selah.Contracts.Admin;
using Selah.Server.Infrastructure.Configuration;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Accounts;

/// <summary>
/// Creates the roles, and creates or updates the bootstrap administrator from <c>Selah:Admin</c> (email verified,
/// active, admin role, the configured password) so an operator can always get in.
/// </summary>
internal sealed class AccountSeeder(
    UserManager<SelahUser> users, RoleManager<SelahRole> roles, IOptions<AdminOptions> admin, TimeProvider clock, ILogger<AccountSeeder> logger)
    : IStartupSeeder
{
    public int Order => 10;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new SelahRole(role));
            }
        }

        var settings = admin.Value;
        if (string.IsNullOrWhiteSpace(settings.Email) || string.IsNullOrEmpty(settings.Password))
        {
            return;
        }

        var user = await users.FindByEmailAsync(settings.Email);
        if (user is null)
        {
            user = new SelahUser
            {
                UserName = settings.Email,
                Email = settings.Email,
                EmailConfirmed = true,
                DisplayName = settings.DisplayName,
                CreatedAt = clock.GetUtcNow(),
            };
            Check(await users.CreateAsync(user, settings.Password), "create");
            logger.LogInformation("Created bootstrap administrator {Email}", settings.Email);
        }
        else
        {
            user.EmailConfirmed = true;
            user.Status = AccountStatus.Active;
            user.SuspendedUntil = null;
            if (!await users.CheckPasswordAsync(user, settings.Password))
            {
                await users.RemovePasswordAsync(user);
                Check(await users.AddPasswordAsync(user, settings.Password), "set the password of");
            }

            await users.SetLockoutEndDateAsync(user, null);
            Check(await users.UpdateAsync(user), "update");
        }

        foreach (var role in new[] { Roles.Listener, Roles.Admin })
        {
            if (!await users.IsInRoleAsync(user, role))
            {
                await users.AddToRoleAsync(user, role);
            }
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Selah:Admin: could not {what} the bootstrap administrator: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
