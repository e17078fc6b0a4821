using System.ComponentModel.DataAnnotations;

namespace Selah.Server.Features.Community.Moderation;

/// <summary>
/// <c>Selah:Moderation</c>: the automatic first pass over every post and comment. Each rule adds to a score; at or above
/// <see cref="HoldThreshold"/> the item is held for review. Validated at start-up (the bad key is named).
/// </summary>
public sealed class ModerationOptions : IValidatableObject
{
    public const string Section = "Selah:Moderation";

    public bool Enabled { get; set; } = true;

    [Range(1, 10000)]
    public int HoldThreshold { get; set; } = 50;

    /// <summary>Words or phrases that hold an item on their own (matched as whole words, case-insensitive).</summary>
    public List<string> BlockedWords { get; set; } = [];

    [Range(0, 10000)]
    public int BlockedWordScore { get; set; } = 100;

    /// <summary>Words or phrases that add <see cref="FlaggedWordScore"/> each.</summary>
    public List<string> FlaggedWords { get; set; } = [];

    [Range(0, 10000)]
    public int FlaggedWordScore { get; set; } = 25;

    /// <summary>Links allowed before each further one adds <see cref="ExtraLinkScore"/>.</summary>
    [Range(0, 100)]
    public int MaxLinks { get; set; } = 3;

    [Range(0, 10000)]
    public int ExtraLinkScore { get; set; } = 20;

    /// <summary>Accounts younger than this many days are "new" for the link rule.</summary>
    [Range(0, 3650)]
    public int NewAccountDays { get; set; } = 3;

    [Range(0, 10000)]
    public int NewAccountLinkScore { get; set; } = 60;

    /// <summary>Mostly capital letters (at least 12 letters, 70 % upper case).</summary>
    [Range(0, 10000)]
    public int ShoutingScore { get; set; } = 30;

    /// <summary>The same text as one of the author's items in the last 24 hours.</summary>
    [Range(0, 10000)]
    public int DuplicateScore { get; set; } = 60;

    /// <summary>More than <see cref="RapidPostingCount"/> posts and comments within <see cref="RapidPostingWindowMinutes"/>.</summary>
    [Range(1, 10000)]
    public int RapidPostingCount { get; set; } = 10;

    [Range(1, 1440)]
    public int RapidPostingWindowMinutes { get; set; } = 10;

    [Range(0, 10000)]
    public int RapidPostingScore { get; set; } = 40;

    /// <summary>Hold each user's first N posts for review (0 = off). The admin setting for new members.</summary>
    [Range(0, 1000)]
    public int HoldFirstPosts { get; set; }

    /// <summary>The community guidelines (Markdown) served at <c>GET /api/v1/community/guidelines</c>.</summary>
    [Required, StringLength(20000, MinimumLength = 1)]
    public string Guidelines { get; set; } = DefaultGuidelines;

    public const string DefaultGuidelines = """
        Selah is a place to encourage one another. Please:

        - **Be kind.** Disagree graciously; no insults, harassment or hate.
        - **Keep it safe.** No threats, no sharing of other people's private details, nothing sexual or violent.
        - **Honour confidences.** Prayer requests shared here stay here; respect anonymous requests.
        - **No spam.** No advertising, repeated posts or link dumps.
        - **Be truthful.** Do not impersonate others.

        Posts may be held for review by our automatic checks or reported by members; moderators approve or remove them
        and tell the author why.
        """;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, list) in new[] { (nameof(BlockedWords), BlockedWords), (nameof(FlaggedWords), FlaggedWords) })
        {
            if (list.Any(w => string.IsNullOrWhiteSpace(w) || w.Trim().Length > 100))
            {
                yield return new ValidationResult("Every entry must be 1–100 characters.", [name]);
            }
        }
    }
}
