using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Notifications.WebPush;

/// <summary><c>/api/v1/push</c>: the VAPID public key and the caller's own push subscriptions.</summary>
public static class PushApi
{
    public const int MaxSubscriptionsPerUser = 20;

    public static void MapPushApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/push").WithTags("Notifications").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/vapid-public-key", (VapidKeys keys) => TypedResults.Ok(new VapidPublicKeyResponse(keys.PublicKey)))
            .AllowAnonymous().WithName("GetVapidPublicKey").WithSummary("The server's VAPID public key (applicationServerKey), base64url.");
        var subscriptions = group.MapGroup("/subscriptions").RequireAuthorization();
        subscriptions.MapGet("/", ListAsync).WithName("ListPushSubscriptions").WithSummary("Your push subscriptions (devices).");
        subscriptions.MapPost("/", SubscribeAsync).WithName("CreatePushSubscription")
            .WithSummary("Register this browser's push subscription (idempotent per endpoint).");
        subscriptions.MapDelete("/{id:guid}", DeleteAsync).WithName("DeletePushSubscription").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Remove one of your push subscriptions.");
    }

    public static async Task<Ok<List<PushSubscriptionResponse>>> ListAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var rows = await db.PushSubscriptions.AsNoTracking().Where(s => s.UserId == me).OrderBy(s => s.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(ToResponse).ToList());
    }

    public static async Task<Results<Created<PushSubscriptionResponse>, Ok<PushSubscriptionResponse>, ValidationProblem>> SubscribeAsync(
        PushSubscriptionRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, IOptions<WebPushOptions> options,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (WebPushSender.CheckEndpoint(request.Endpoint!, options.Value.AllowLoopbackHttp) is { } why)
        {
            errors["endpoint"] = [why];
        }

        if (!TryDecode(request.Keys?.P256dh, out var p256dh) || !WebPushEncryption.IsValidPublicKey(p256dh))
        {
            errors["keys.p256dh"] = ["The subscription's P-256 public key: 65 bytes, uncompressed, base64url."];
        }

        if (!TryDecode(request.Keys?.Auth, out var auth) || auth.Length != 16)
        {
            errors["keys.auth"] = ["The subscription's authentication secret: 16 bytes, base64url."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var me = user.GetUserId();
        var existing = await db.PushSubscriptions.FirstOrDefaultAsync(s => s.UserId == me && s.Endpoint == request.Endpoint, cancellationToken);
        if (existing is not null)
        {
            existing.P256dh = Base64UrlEncoder.Encode(p256dh);
            existing.Auth = Base64UrlEncoder.Encode(auth);
            existing.DeviceName = request.DeviceName ?? existing.DeviceName;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(ToResponse(existing));
        }

        if (await db.PushSubscriptions.CountAsync(s => s.UserId == me, cancellationToken) >= MaxSubscriptionsPerUser)
        {
            return Problems.Field("endpoint", $"At most {MaxSubscriptionsPerUser} devices; remove one first.");
        }

        var row = new PushSubscription
        {
            UserId = me, Endpoint = request.Endpoint!, P256dh = Base64UrlEncoder.Encode(p256dh), Auth = Base64UrlEncoder.Encode(auth),
            DeviceName = request.DeviceName, CreatedAt = clock.GetUtcNow(),
        };
        db.PushSubscriptions.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same browser subscribed twice at once: the other request stored it.
            db.ChangeTracker.Clear();
            var stored = await db.PushSubscriptions.AsNoTracking().FirstAsync(s => s.UserId == me && s.Endpoint == request.Endpoint, cancellationToken);
            return TypedResults.Ok(ToResponse(stored));
        }

        return TypedResults.Created($"/api/v1/push/subscriptions/{row.Id}", ToResponse(row));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        // Another user's subscription is "not found": its existence is not revealed.
        var deleted = await db.PushSubscriptions.Where(s => s.Id == id && s.UserId == me).ExecuteDeleteAsync(cancellationToken);
        return deleted > 0 ? TypedResults.NoContent() : Problems.NotFound("The push subscription");
    }

    private static PushSubscriptionResponse ToResponse(PushSubscription s) => new(s.Id, s.Endpoint, s.DeviceName, s.CreatedAt, s.LastSuccessAt);

    private static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text) || text.Length > 100 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/' or '=')))
        {
            return false;
        }

        try
        {
            bytes = Base64UrlEncoder.DecodeBytes(text.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
