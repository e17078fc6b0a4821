using System.ComponentModel;

namespace Selah.Contracts.Community;

/// <summary>Whether the caller follows, blocks or mutes a person, and their follower counts.</summary>
public sealed record RelationshipResponse(Guid UserId, bool Following, bool Blocked, bool Muted, int Followers, int FollowingCount);

/// <summary>A person in a followers/following list.</summary>
public sealed record FollowResponse(CommunityUser User, DateTimeOffset Since);

public sealed record UserListQuery(
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);
