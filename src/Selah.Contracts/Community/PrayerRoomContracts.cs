using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Community;

/// <summary>Open a live prayer room: community-wide (no <c>groupId</c>) or for one group's members.</summary>
public sealed record PrayerRoomCreateRequest(
    [property: Required(ErrorMessage = "Title is required."), StringLength(120, MinimumLength = 1, ErrorMessage = "Title must be 1–120 characters.")] string Title,
    Guid? GroupId = null);

/// <summary>
/// A live prayer room. <c>pinned</c> is the request the host pinned (null when none); <c>isHost</c> tells the caller
/// whether they may pin and close; <c>group</c> is set for a group's room.
/// </summary>
public sealed record PrayerRoomResponse(
    Guid Id, string Title, CommunityUser Host, PrayerRoomGroup? Group, bool IsOpen, bool IsHost, PrayerRoomRequestResponse? Pinned,
    DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, bool CanClose = false);

public sealed record PrayerRoomGroup(Guid Id, string Name);

/// <summary>A request on a room's shared prayer list. <c>status</c> <c>held</c> = awaiting review (its author only).</summary>
public sealed record PrayerRoomRequestResponse(
    Guid Id, Guid RoomId, CommunityUser Author, string Text, string Status, int PrayingCount, bool IAmPraying, DateTimeOffset CreatedAt);

/// <summary>A chat message in a prayer room. <c>status</c> <c>held</c> = awaiting review (its author only).</summary>
public sealed record PrayerRoomMessageResponse(
    Guid Id, Guid RoomId, CommunityUser Author, string Text, string Status, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt = null);

/// <summary>Server → client <c>messageDeleted</c> on <c>/hubs/prayer-rooms</c>: drop the message from view.</summary>
public sealed record PrayerRoomMessageDeletedEvent(Guid RoomId, Guid MessageId);

/// <summary>A page of a room's prayer list: the <c>limit</c> newest requests before <c>before</c> (a request id), oldest first.</summary>
public sealed record PrayerRoomRequestsQuery(
    [property: Description("A request id: only older requests (\"load more\"); absent: the newest.")] Guid? Before,
    [property: Description("Page size, 1–200."), DefaultValue(200)] int? Limit);

public sealed record PrayerRoomTextRequest(
    [property: Required(ErrorMessage = "Text is required."), StringLength(1000, MinimumLength = 1, ErrorMessage = "Text must be 1–1000 characters.")] string Text);

/// <summary>Pin a request of the room (host only); null unpins.</summary>
public sealed record PrayerRoomPinRequest(Guid? RequestId);

public sealed record PrayerRoomListQuery(
    [property: Description("Only this group's rooms (members).")] Guid? GroupId,
    [property: Description("true (default): open rooms only; false: closed ones too.")] bool? Open,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>What <c>JoinRoom</c> answers: the room, its prayer list and who is praying in it now.</summary>
public sealed record PrayerRoomJoinResult(PrayerRoomResponse Room, IReadOnlyList<PrayerRoomRequestResponse> Requests, IReadOnlyList<CommunityUser> Praying);

/// <summary>Server → client <c>presence</c> on <c>/hubs/prayer-rooms</c>: everyone in the room now ("now praying").</summary>
public sealed record PrayerRoomPresenceEvent(Guid RoomId, IReadOnlyList<CommunityUser> Praying);

/// <summary>Server → client <c>pinned</c>: the host pinned a request (null: unpinned).</summary>
public sealed record PrayerRoomPinnedEvent(Guid RoomId, PrayerRoomRequestResponse? Request);

/// <summary>Server → client <c>roomClosed</c>.</summary>
public sealed record PrayerRoomClosedEvent(Guid RoomId, DateTimeOffset ClosedAt);

/// <summary>Server → client <c>praying</c>: someone is praying for a request; its new count.</summary>
public sealed record PrayerRoomPrayingEvent(Guid RoomId, Guid RequestId, Guid UserId, int PrayingCount);
