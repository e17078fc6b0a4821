using System.Net;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>
/// <c>/api/v1/notifications/unsubscribe?user=…&amp;token=…</c>, the signed link in every notification email. GET shows
/// a confirmation page (link scanners must not unsubscribe anyone); POST unsubscribes (RFC 8058 one-click, the
/// <c>List-Unsubscribe-Post</c> target) by turning notification email off. No sign-in: the signature is the proof.
/// </summary>
public static class UnsubscribeApi
{
    public static void MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications/unsubscribe").WithTags("Notifications").AllowAnonymous().DisableAntiforgery()
            .ProducesValidationProblem();
        group.MapGet("/", Confirm).WithName("ConfirmEmailUnsubscribe").WithSummary("A page that asks to confirm stopping notification emails.");
        group.MapPost("/", UnsubscribeAsync).WithName("EmailUnsubscribe").WithSummary("One-click unsubscribe (RFC 8058): notification email off.");
    }

    public static IResult Confirm(string? user, string? token, UnsubscribeLinks links)
    {
        if (!TryVerify(user, token, links, out _))
        {
            return Problems.Field("token", "This unsubscribe link is not valid.");
        }

        var action = $"/api/v1/notifications/unsubscribe?user={WebUtility.UrlEncode(user)}&token={WebUtility.UrlEncode(token)}";
        return Results.Content(Page("Stop notification emails?",
            $"<p>Selah will stop sending you notification emails. You will still see notifications in the app.</p><form method=\"post\" action=\"{WebUtility.HtmlEncode(action)}\"><button type=\"submit\">Unsubscribe</button></form>"),
            "text/html; charset=utf-8");
    }

    public static async Task<IResult> UnsubscribeAsync(string? user, string? token, UnsubscribeLinks links, SelahDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryVerify(user, token, links, out var userId))
        {
            return Problems.Field("token", "This unsubscribe link is not valid.");
        }

        var row = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (row is null && await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            row = new NotificationSettings { UserId = userId };
            db.NotificationSettings.Add(row);
        }

        if (row is not null)
        {
            row.EmailMode = EmailModes.Off;
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return Results.Content(Page("You are unsubscribed",
            "<p>Selah will not send you notification emails any more. You can turn them on again in <a href=\"/settings/notifications\">notification settings</a>.</p>"),
            "text/html; charset=utf-8");
    }

    private static bool TryVerify(string? user, string? token, UnsubscribeLinks links, out Guid userId) =>
        Guid.TryParseExact(user, "N", out userId) && links.Verify(userId, token);

    private static string Page(string title, string body) =>
        $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title} · Selah</title></head>" +
        $"<body style=\"font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem\"><h1>{title}</h1>{body}</body></html>";
}
