using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Community;

/// <summary>
/// A moderator's decision on a held or reported post, comment or chat message. <c>approve</c> publishes it;
/// <c>reject</c> hides it (reason required); <c>edit</c> replaces its text with <c>text</c> and publishes it;
/// <c>warn</c> leaves it as it is and sends the author a warning (reason required); <c>suspend</c> rejects it and
/// suspends the author for <c>days</c> (reason required). The author is told the reason every time.
/// </summary>
public sealed record ModerationDecisionRequest(
    [property: Required(ErrorMessage = "Decision is required."), RegularExpression("^(approve|reject|edit|warn|suspend)$",
        ErrorMessage = "Decision must be approve, reject, edit, warn or suspend.")] string Decision,
    [property: StringLength(1000, ErrorMessage = "Reason must be at most 1000 characters.")] string? Reason = null,
    [property: StringLength(10000, ErrorMessage = "Text must be at most 10000 characters.")] string? Text = null,
    [property: Range(1, 365, ErrorMessage = "Days must be 1–365.")] int? Days = null);

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
