using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Community;

/// <summary>Channels a notification can travel on (JSON names).</summary>
public static class NotificationChannels
{
    public const string InApp = "inApp";
    public const string Email = "email";
    public const string Push = "push";

    public static readonly IReadOnlyList<string> All = [InApp, Email, Push];
}

/// <summary>How email notifications are sent: one mail per event, one mail a day, or none.</summary>
public static class EmailModes
{
    public const string Immediate = "immediate";
    public const string DailyDigest = "dailyDigest";
    public const string Off = "off";

    public static readonly IReadOnlyList<string> All = [Immediate, DailyDigest, Off];
}

/// <summary>Quiet hours in <c>timeZone</c> of the preferences: <c>start</c> and <c>end</c> as <c>HH:mm</c> (may span midnight).</summary>
public sealed record QuietHours(string Start, string End);

/// <summary>
/// The caller's notification preferences. <c>types</c> maps each notification type to its channels
/// (<c>inApp</c>, <c>email</c>, <c>push</c>) → on/off; <c>emailMode</c> is <c>immediate</c>, <c>dailyDigest</c> or
/// <c>off</c>; the digest is sent at <c>digestHour</c> (0–23) in <c>timeZone</c> (IANA); during <c>quietHours</c>
/// email and push wait until the quiet period ends (in-app and live delivery are never held).
/// </summary>
public sealed record NotificationPreferencesResponse(
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Types,
    string EmailMode,
    int DigestHour,
    string TimeZone,
    QuietHours? QuietHours);

/// <summary>
/// Changes preferences. Every member is optional: <c>types</c> may list only the types and channels to change;
/// <c>quietHours</c> is replaced when present, and removed with <c>clearQuietHours: true</c>.
/// </summary>
public sealed record NotificationPreferencesRequest(
    Dictionary<string, Dictionary<string, bool>>? Types = null,
    string? EmailMode = null,
    int? DigestHour = null,
    [property: MaxLength(64)] string? TimeZone = null,
    QuietHours? QuietHours = null,
    bool ClearQuietHours = false);

/// <summary>The server's VAPID public key (uncompressed P-256 point, base64url), for <c>pushManager.subscribe</c>.</summary>
public sealed record VapidPublicKeyResponse(string PublicKey);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

/// <summary>A browser push subscription as <c>PushSubscription.toJSON()</c> gives it.</summary>
public sealed record PushSubscriptionRequest(
    [property: Required(ErrorMessage = "The endpoint is required."), MaxLength(1024, ErrorMessage = "At most 1024 characters.")] string? Endpoint,
    PushSubscriptionKeys? Keys,
    [property: MaxLength(200)] string? DeviceName = null);

public sealed record PushSubscriptionResponse(Guid Id, string Endpoint, string? DeviceName, DateTimeOffset CreatedAt, DateTimeOffset? LastSuccessAt);
