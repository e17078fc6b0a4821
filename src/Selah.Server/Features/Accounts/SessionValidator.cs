using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Accounts;

/// <summary>
/// Checks on every authenticated request that the session is still good: the user exists, is not banned or suspended,
/// and the session stamp in the token or cookie is current. One primary-key lookup, so a ban takes effect at once.
/// </summary>
public sealed class SessionValidator(IDbContextFactory<SelahDbContext> contexts, TimeProvider clock)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (principal.TryGetUserId() is not { } userId || principal.FindFirstValue(SelahClaims.SessionStamp) is not { } stamp)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var state = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SessionStamp, u.Status, u.SuspendedUntil })
            .SingleOrDefaultAsync(cancellationToken);
        if (state is null || state.SessionStamp != stamp)
        {
            return false;
        }

        var blocked = new SelahUser { Status = state.Status, SuspendedUntil = state.SuspendedUntil }.IsBlocked(clock.GetUtcNow());
        return !blocked;
    }
}
