using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Community;

/// <summary>A moderator's decision on a held or reported post or comment.</summary>
public sealed record ModerationDecisionRequest(
    [property: Required(ErrorMessage = "Decision is required."), RegularExpression("^(approve|reject)$", ErrorMessage = "Decision must be approve or reject.")] string Decision,
    [property: StringLength(1000, ErrorMessage = "Reason must be at most 1000 characters.")] string? Reason = null);

public sealed record ModerationReport(Guid Id, CommunityUser Reporter, string Reason, DateTimeOffset CreatedAt);

/// <summary>
/// One item needing a moderator: a held post or comment, or one with open reports. <c>kind</c> is <c>post</c> or
/// <c>comment</c>; <c>author</c> is always shown (moderators see anonymous authors).
/// </summary>
public sealed record ModerationQueueItem(
    Guid Id,
    string Kind,
    Guid? PostId,
    string Status,
    string Body,
    CommunityUser Author,
    bool Anonymous,
    int Score,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ModerationReport> Reports,
    DateTimeOffset CreatedAt);

public sealed record ModerationDecisionResponse(Guid Id, string Kind, string Status, int ReportsResolved);

public sealed record CommunityGuidelinesResponse(string Title, string Markdown, string Html);
