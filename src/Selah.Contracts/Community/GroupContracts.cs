using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Community;

public sealed record GroupCreateRequest(
    [property: Required(ErrorMessage = "Name is required."), StringLength(100, MinimumLength = 1, ErrorMessage = "Name must be 1–100 characters.")] string Name,
    [property: StringLength(2000, ErrorMessage = "Description must be at most 2000 characters.")] string? Description = null,
    bool IsPrivate = false);

public sealed record GroupUpdateRequest(
    [property: StringLength(100, MinimumLength = 1, ErrorMessage = "Name must be 1–100 characters.")] string? Name = null,
    [property: StringLength(2000, ErrorMessage = "Description must be at most 2000 characters.")] string? Description = null,
    bool? IsPrivate = null);

/// <summary>
/// A group as the caller sees it. <c>myRole</c> is <c>owner</c>, <c>leader</c>, <c>member</c>, <c>pending</c> (join
/// request waiting) or null. <c>inviteToken</c> is shown to leaders only. <c>imageUrl</c> is the group picture (WebP,
/// readable by whoever may read the group; the URL changes when the picture does) or null. <c>invited</c>: a leader
/// invited the caller directly (accept with <c>POST /api/v1/me/group-invitations/{groupId}/accept</c>).
/// </summary>
public sealed record GroupResponse(
    Guid Id, string Name, string? Description, bool IsPrivate, int MemberCount, string? MyRole, string? InviteToken, DateTimeOffset CreatedAt,
    string? ImageUrl = null, bool Invited = false);

/// <summary>The picture a leader uploaded for a group.</summary>
public sealed record GroupImageResponse(string ImageUrl, int Width, int Height);

/// <summary>Invite one person to a group (leaders).</summary>
public sealed record GroupInvitationRequest(
    [property: Required(ErrorMessage = "userId is required.")] Guid? UserId);

/// <summary>A direct invitation: the group, who invited and when.</summary>
public sealed record GroupInvitationResponse(
    Guid GroupId, string GroupName, string? GroupImageUrl, bool GroupIsPrivate, CommunityUser Invitee, CommunityUser InvitedBy, DateTimeOffset CreatedAt);

/// <summary>Join a group: empty for a public group (or a request to join a private one), or an invite link's token.</summary>
public sealed record GroupJoinRequest(
    [property: StringLength(64, ErrorMessage = "inviteToken is not valid.")] string? InviteToken = null);

/// <summary><c>status</c> is <c>member</c> (joined) or <c>pending</c> (a leader must approve).</summary>
public sealed record GroupJoinResponse(Guid GroupId, string Status, string? Role);

public sealed record GroupMemberResponse(CommunityUser User, string Role, bool Pending, DateTimeOffset Since);

public sealed record GroupRoleRequest(
    [property: Required(ErrorMessage = "Role is required."), RegularExpression("^(leader|member)$", ErrorMessage = "Role must be leader or member.")] string Role);

public sealed record GroupInviteResponse(string InviteToken);

/// <summary>
/// A chat message: <c>text</c>, and up to 4 <c>attachmentIds</c> from <c>POST groups/{id}/attachments</c> (send only;
/// the text may be empty when there are images). An edit changes the text only.
/// </summary>
public sealed record GroupMessageRequest(
    [property: StringLength(4000, ErrorMessage = "Text must be 1–4000 characters.")] string? Text,
    IReadOnlyList<Guid>? AttachmentIds = null);

/// <summary>
/// A chat message; deleted messages keep their place with empty text and no images. <c>status</c> <c>held</c> = pending
/// review (author only). <c>images</c>: the attached pictures, served to the group's members only.
/// </summary>
public sealed record GroupMessageResponse(
    Guid Id, Guid GroupId, CommunityUser? Author, string Text, string Status, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted,
    IReadOnlyList<ChatImageResponse>? Images = null);

/// <summary>A chat image (WebP, at most 1600 px on its longer side); <c>url</c> is members-only.</summary>
public sealed record ChatImageResponse(Guid Id, string Url, int Width, int Height);

/// <summary>An uploaded chat image not yet attached to a message: send its <c>id</c> in <c>attachmentIds</c> within <c>expiresAt</c>.</summary>
public sealed record ChatAttachmentResponse(Guid Id, int Width, int Height, DateTimeOffset ExpiresAt);

public sealed record GroupListQuery(
    [property: Description("true: only groups the caller belongs to.")] bool? Mine,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

public sealed record GroupMemberListQuery(
    [property: Description("true: pending join requests (leaders only).")] bool? Pending,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);
