using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Community;

/// <summary>Post types, visibilities, reactions and states as they appear in JSON.</summary>
public static class CommunityValues
{
    public const string PostTypePattern = "^(testimony|prayerRequest|praiseReport|question|announcement|general)$";
    public const string VisibilityPattern = "^(public|members|group)$";
    public const string ReactionPattern = "^(amen|praying|love|like)$";
    public static readonly IReadOnlyList<string> ReactionKinds = ["amen", "praying", "love", "like"];
}

/// <summary>
/// A new post. <c>body</c> is a Markdown subset (emphasis, links, lists, quotes, code) rendered to sanitised HTML.
/// <c>announcement</c> is for moderators and admins; <c>visibility</c> <c>group</c> needs <c>groupId</c> of a group the
/// author belongs to. <c>expiresAt</c> or <c>expiresInDays</c> (prayer requests only) take the request off the feed then.
/// </summary>
public sealed record PostCreateRequest(
    [property: Required(ErrorMessage = "Type is required."), RegularExpression(CommunityValues.PostTypePattern,
        ErrorMessage = "Type must be testimony, prayerRequest, praiseReport, question, announcement or general.")] string Type,
    [property: Required(ErrorMessage = "Body is required."), StringLength(10000, MinimumLength = 1, ErrorMessage = "Body must be 1–10000 characters.")] string Body,
    bool Anonymous = false,
    [property: RegularExpression(CommunityValues.VisibilityPattern, ErrorMessage = "Visibility must be public, members or group.")] string? Visibility = null,
    Guid? GroupId = null,
    [property: MaxLength(20, ErrorMessage = "At most 20 scripture references.")] IReadOnlyList<string>? ScriptureReferences = null,
    Guid? TrackId = null,
    DateTimeOffset? ExpiresAt = null,
    [property: Range(1, 365, ErrorMessage = "expiresInDays must be 1–365.")] int? ExpiresInDays = null);

/// <summary>An edit by the author: absent fields stay. The previous body is kept in the edit history.</summary>
public sealed record PostUpdateRequest(
    [property: StringLength(10000, MinimumLength = 1, ErrorMessage = "Body must be 1–10000 characters.")] string? Body = null,
    [property: MaxLength(20, ErrorMessage = "At most 20 scripture references.")] IReadOnlyList<string>? ScriptureReferences = null,
    Guid? TrackId = null);

/// <summary>Marks a prayer request answered, with an update for those who prayed.</summary>
public sealed record PrayerAnsweredRequest(
    [property: Required(ErrorMessage = "Update is required."), StringLength(4000, MinimumLength = 1, ErrorMessage = "Update must be 1–4000 characters.")] string Update);

/// <summary>"I prayed". <c>anonymous</c> keeps your name from the request's author.</summary>
public sealed record PrayedRequest(bool Anonymous = false);

/// <summary>Who wrote something; absent (null) when the author posted anonymously and the caller may not know.</summary>
public sealed record CommunityUser(Guid Id, string DisplayName);

public sealed record ReactionCounts(int Amen, int Praying, int Love, int Like);

/// <summary>
/// A post as the caller may see it. <c>author</c> is null for anonymous posts unless the caller is the author or a
/// moderator. <c>status</c> is <c>published</c>, <c>held</c> (pending review: only the author and moderators see it) or
/// <c>rejected</c>.
/// </summary>
public sealed record PostResponse(
    Guid Id,
    string Type,
    string Body,
    string BodyHtml,
    bool Anonymous,
    CommunityUser? Author,
    bool IsMine,
    string Visibility,
    Guid? GroupId,
    IReadOnlyList<string> ScriptureReferences,
    Guid? TrackId,
    string Status,
    bool PendingReview,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    int CommentCount,
    ReactionCounts Reactions,
    IReadOnlyList<string> MyReactions,
    int PrayedCount,
    bool PrayedByMe,
    DateTimeOffset? ExpiresAt,
    bool Expired,
    DateTimeOffset? AnsweredAt,
    string? AnswerText,
    string? AnswerHtml,
    IReadOnlyList<PostImageResponse>? Images = null);

/// <summary>An image attached to a post: <c>url</c> serves the re-encoded WebP to those who may read the post.</summary>
public sealed record PostImageResponse(Guid Id, string Url, int Width, int Height);

/// <summary>Filters and keyset cursor for <c>GET /api/v1/posts</c> and <c>GET /api/v1/posts/feed</c>.</summary>
public sealed record PostListQuery(
    [property: Description("Only posts of this type (testimony, prayerRequest, praiseReport, question, announcement, general).")] string? Type,
    [property: Description("Only posts by this user (anonymous posts are included only for the author and moderators).")] Guid? Author,
    [property: Description("Only posts in this group (members only).")] Guid? Group,
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);

/// <summary>One earlier version of a post or comment.</summary>
public sealed record ContentEditResponse(string PreviousBody, DateTimeOffset EditedAt);

/// <summary>Someone who prayed (those who prayed anonymously are counted only).</summary>
public sealed record PrayerResponse(CommunityUser User, DateTimeOffset PrayedAt);

public sealed record PrayersResponse(int Count, int AnonymousCount, IReadOnlyList<PrayerResponse> Named);

public sealed record PrayedResponse(int PrayedCount, bool PrayedByMe);

public sealed record ReactionsResponse(ReactionCounts Counts, IReadOnlyList<string> Mine);

/// <summary>A reaction: <c>amen</c>, <c>praying</c>, <c>love</c> or <c>like</c>.</summary>
public sealed record ReactionRequest(
    [property: Required(ErrorMessage = "Kind is required."), RegularExpression(CommunityValues.ReactionPattern,
        ErrorMessage = "Kind must be amen, praying, love or like.")] string Kind);

public sealed record ReportRequest(
    [property: Required(ErrorMessage = "Reason is required."), StringLength(1000, MinimumLength = 1, ErrorMessage = "Reason must be 1–1000 characters.")] string Reason);

/// <summary>
/// A comment. <c>parentId</c> replies to a comment; threads are two levels deep, so a reply to a reply is attached to
/// that reply's top-level comment.
/// </summary>
public sealed record CommentCreateRequest(
    [property: Required(ErrorMessage = "Body is required."), StringLength(4000, MinimumLength = 1, ErrorMessage = "Body must be 1–4000 characters.")] string Body,
    Guid? ParentId = null);

public sealed record CommentUpdateRequest(
    [property: Required(ErrorMessage = "Body is required."), StringLength(4000, MinimumLength = 1, ErrorMessage = "Body must be 1–4000 characters.")] string Body);

/// <summary>A comment; <c>author</c> is null when it is the anonymous post's own author writing (for everyone but them and moderators).</summary>
public sealed record CommentResponse(
    Guid Id,
    Guid PostId,
    Guid? ParentId,
    string Body,
    string BodyHtml,
    CommunityUser? Author,
    bool IsMine,
    bool ByPostAuthor,
    string Status,
    bool PendingReview,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    bool Deleted,
    IReadOnlyList<CommentResponse> Replies);

public sealed record CommunityPage<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Keyset cursor for <c>GET /api/v1/posts/{id}/comments</c> (top-level comments, oldest first).</summary>
public sealed record CommentListQuery(
    [property: Description("nextCursor from the previous page (opaque).")] string? Cursor,
    [property: Description("Page size, 1–100."), DefaultValue(25)] int? Limit);
