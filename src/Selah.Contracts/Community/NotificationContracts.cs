using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Community;

/// <summary>
/// An in-app notification, grouped ("Anna and 4 others prayed for your request"). <c>type</c> is one of
/// <c>comment</c>, <c>reply</c>, <c>reaction</c>, <c>prayed</c>, <c>follow</c>, <c>groupJoinRequest</c>,
/// <c>groupJoinApproved</c>, <c>groupInvite</c>, <c>mention</c>, <c>moderation</c>, <c>newRelease</c> (subject an
/// <c>album</c>, or the <c>artist</c> of a single). <c>actors</c> lists only people who acted under their
/// name (most recent first); <c>actorCount</c> counts everyone, anonymous included.
/// </summary>
public sealed record NotificationResponse(
    Guid Id,
    string Type,
    string Text,
    IReadOnlyList<CommunityUser> Actors,
    int ActorCount,
    Guid? SubjectId,
    string? SubjectKind,
    string? Detail,
    bool Read,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

public sealed record UnreadCountResponse(int Count);

/// <summary>Marks the listed notifications read, or all of the caller's when <c>ids</c> is absent or <c>all</c> is true.</summary>
public sealed record NotificationsReadRequest(
    [property: MaxLength(200, ErrorMessage = "At most 200 ids.")] IReadOnlyList<Guid>? Ids = null,
    bool All = false);

public sealed record NotificationsReadResponse(int Marked);

public sealed record NotificationListQuery(
    [property: Description("true: only unread ones.")] bool? Unread,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);
