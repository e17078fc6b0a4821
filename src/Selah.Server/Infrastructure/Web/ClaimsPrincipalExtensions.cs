using System.Security.Claims;

namespace Selah.Server.Infrastructure.Web;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id, from a JWT (<c>sub</c>) or the cookie (<see cref="ClaimTypes.NameIdentifier"/>).</summary>
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        TryGetUserId(user) ?? throw new InvalidOperationException("The endpoint requires an authenticated user.");

    public static Guid? TryGetUserId(this ClaimsPrincipal user)
    {
        var value = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        return Guid.TryParse(value, out var id) ? id : null;
    }
}
