using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Selah.Server.Infrastructure.Web;

/// <summary>
/// Requires the antiforgery header on unsafe <c>/api</c> requests that are authenticated by the browser cookie.
/// Bearer-token clients are not exposed to CSRF (the browser never attaches their token), so they are not checked.
/// </summary>
internal sealed class CookieAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && !context.Request.Path.StartsWithSegments("/api/v1/notifications/unsubscribe") // signed link, no session needed
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type }
            && type == IdentityConstants.ApplicationScheme)
        {
            await antiforgery.ValidateRequestAsync(context);
        }

        await next(context);
    }
}
