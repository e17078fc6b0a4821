using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Notifications;

/// <summary>Notification types as they appear in JSON.</summary>
public static class NotificationTypes
{
    public const string Comment = "comment";
    public const string Reply = "reply";
    public const string Reaction = "reaction";
    public const string Prayed = "prayed";
    public const string Follow = "follow";
    public const string GroupJoinRequest = "groupJoinRequest";
    public const string GroupJoinApproved = "groupJoinApproved";
    public const string GroupInvite = "groupInvite";
    public const string Mention = "mention";
    public const string Moderation = "moderation";
    public const string NewRelease = "newRelease";
}

/// <summary>
/// Something happened that <see cref="RecipientId"/> should hear about. <see cref="ActorId"/> is null when the actor
/// acted anonymously (an anonymous prayer, the anonymous author of a prayer request replying): sinks must never
/// resolve it. Notices with the same <see cref="GroupKey"/> are grouped ("Anna and 4 others prayed for …").
/// </summary>
public sealed record CommunityNotice(
    Guid RecipientId,
    string Type,
    string GroupKey,
    Guid? ActorId,
    Guid? SubjectId,
    string? SubjectKind,
    string? Excerpt = null,
    string? Detail = null);

/// <summary>
/// Receives community notices in the unit of work that caused them (the caller saves). The in-app store implements it
/// now; a live hub, email or Web Push sink registers another implementation later (such a sink should deliver after
/// the save succeeds, e.g. by hooking <c>SavedChanges</c>).
/// </summary>
public interface INotificationSink
{
    Task AcceptAsync(SelahDbContext db, CommunityNotice notice, CancellationToken cancellationToken);
}

/// <summary>Fans notices out to every registered sink; drops notices to oneself.</summary>
public sealed class CommunityNotifier(IEnumerable<INotificationSink> sinks)
{
    public async Task NotifyAsync(SelahDbContext db, CommunityNotice notice, Guid actualActorId, CancellationToken cancellationToken)
    {
        if (notice.RecipientId == actualActorId)
        {
            return;
        }

        foreach (var sink in sinks)
        {
            await sink.AcceptAsync(db, notice, cancellationToken);
        }
    }

    /// <summary>A short, single-line excerpt of a text for notification texts.</summary>
    public static string Excerpt(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 60 ? line : line[..57] + "…";
    }
}
