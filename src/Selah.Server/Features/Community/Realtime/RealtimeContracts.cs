using System.ComponentModel.DataAnnotations;
using Selah.Contracts.Community;

namespace Selah.Server.Features.Community.Realtime;

/// <summary>What <c>JoinGroup</c> answers: who is online now and the caller's read position.</summary>
public sealed record JoinGroupResult(Guid GroupId, IReadOnlyList<CommunityUser> Online, Guid? LastReadMessageId, int UnreadCount);

/// <summary>Server → client <c>typing</c>: someone is typing (repeat at most every 3 s while they type; show for ~5 s).</summary>
public sealed record TypingEvent(Guid GroupId, Guid UserId, string DisplayName);

/// <summary>Server → client <c>read</c>: a member has read up to a message.</summary>
public sealed record ReadEvent(Guid GroupId, Guid UserId, Guid MessageId);

/// <summary>Server → client <c>presence</c>: everyone online in the group's chat, after someone came or went.</summary>
public sealed record PresenceEvent(Guid GroupId, IReadOnlyList<CommunityUser> Online);

/// <summary>Server → client <c>messageDeleted</c>: drop the message from view.</summary>
public sealed record MessageDeletedEvent(Guid GroupId, Guid MessageId);

/// <summary>The caller's read position in a group chat and how many newer messages from others there are.</summary>
public sealed record GroupReadStateResponse(Guid GroupId, Guid? LastReadMessageId, int UnreadCount);

/// <summary>Marks a group's chat read up to and including <c>messageId</c> (markers never move backwards).</summary>
public sealed record GroupReadRequest([property: Required(ErrorMessage = "messageId is required.")] Guid? MessageId);
