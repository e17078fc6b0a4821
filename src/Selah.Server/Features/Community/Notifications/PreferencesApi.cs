using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Notifications;

/// <summary><c>GET/PUT /api/v1/notifications/preferences</c>: the caller's own preferences only.</summary>
public static class PreferencesApi
{
    public static void MapNotificationPreferencesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/notifications/preferences").WithTags("Notifications").RequireAuthorization()
            .AddEndpointFilter<ValidationFilter>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/", GetAsync).WithName("GetNotificationPreferences")
            .WithSummary("Your notification preferences: type × channel switches, email mode, digest hour, time zone, quiet hours.");
        group.MapPut("/", PutAsync).WithName("UpdateNotificationPreferences")
            .WithSummary("Change your notification preferences (only the members you send).");
    }

    public static async Task<Ok<NotificationPreferencesResponse>> GetAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await NotificationPreferences.LoadAsync(db, user.GetUserId(), cancellationToken)));

    public static async Task<Results<Ok<NotificationPreferencesResponse>, ValidationProblem>> PutAsync(
        NotificationPreferencesRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (type, channels) in request.Types ?? [])
        {
            if (!NotificationPreferences.Types.Contains(type))
            {
                errors[$"types.{type}"] = [$"Unknown notification type. Known types: {string.Join(", ", NotificationPreferences.Types)}."];
                continue;
            }

            foreach (var channel in (channels ?? []).Keys.Where(c => !NotificationChannels.All.Contains(c)))
            {
                errors[$"types.{type}.{channel}"] = [$"Unknown channel. Channels: {string.Join(", ", NotificationChannels.All)}."];
            }
        }

        if (request.EmailMode is { } mode && !EmailModes.All.Contains(mode))
        {
            errors["emailMode"] = [$"The email mode is one of {string.Join(", ", EmailModes.All)}."];
        }

        if (request.DigestHour is < 0 or > 23)
        {
            errors["digestHour"] = ["The digest hour is 0–23."];
        }

        if (request.TimeZone is { } zone && !NotificationPreferences.TryFindZone(zone, out _))
        {
            errors["timeZone"] = ["Not a known IANA time zone (e.g. Europe/Stockholm)."];
        }

        int? quietStart = null, quietEnd = null;
        if (request.QuietHours is { } quiet)
        {
            quietStart = ParseMinute(quiet.Start);
            quietEnd = ParseMinute(quiet.End);
            if (quietStart is null)
            {
                errors["quietHours.start"] = ["A time of day as HH:mm (00:00–23:59)."];
            }

            if (quietEnd is null)
            {
                errors["quietHours.end"] = ["A time of day as HH:mm (00:00–23:59)."];
            }
            else if (quietStart == quietEnd)
            {
                errors["quietHours.end"] = ["Quiet hours must end at a different time than they start."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var me = user.GetUserId();
        var row = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == me, cancellationToken);
        if (row is null)
        {
            row = new NotificationSettings { UserId = me };
            db.NotificationSettings.Add(row);
        }

        var switches = NotificationPreferences.Parse(row.ChannelsJson);
        foreach (var (type, channels) in request.Types ?? [])
        {
            if (!switches.TryGetValue(type, out var stored))
            {
                switches[type] = stored = [];
            }

            foreach (var (channel, on) in channels ?? [])
            {
                stored[channel] = on;
            }
        }

        row.ChannelsJson = JsonSerializer.Serialize(switches);
        row.EmailMode = request.EmailMode ?? row.EmailMode;
        row.DigestHour = request.DigestHour ?? row.DigestHour;
        row.TimeZone = request.TimeZone ?? row.TimeZone;
        if (request.ClearQuietHours)
        {
            row.QuietStartMinute = row.QuietEndMinute = null;
        }
        else if (request.QuietHours is not null)
        {
            (row.QuietStartMinute, row.QuietEndMinute) = (quietStart, quietEnd);
        }

        row.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (db.Entry(row).State == EntityState.Added)
        {
            // Two first saves at once: the other one created the row. Apply this change on top of it.
            db.ChangeTracker.Clear();
            return await PutAsync(request, user, db, clock, cancellationToken);
        }

        return TypedResults.Ok(ToResponse(await NotificationPreferences.LoadAsync(db, me, cancellationToken)));
    }

    public static NotificationPreferencesResponse ToResponse(NotificationPreferences p) =>
        new(p.Matrix(), p.EmailMode, p.DigestHour, p.TimeZoneId,
            p.QuietStart is { } s && p.QuietEnd is { } e ? new QuietHours(Format(s), Format(e)) : null);

    private static string Format(int minute) => $"{minute / 60:00}:{minute % 60:00}";

    private static int? ParseMinute(string? text) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t.Hour * 60 + t.Minute : null;
}
