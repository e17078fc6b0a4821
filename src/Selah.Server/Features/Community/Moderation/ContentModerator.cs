using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Moderation;

/// <summary>The first pass's verdict: a score, the reasons that added to it, and whether the item is held.</summary>
public sealed record ModerationVerdict(int Score, IReadOnlyList<string> Reasons, bool Held)
{
    public string Status => Held ? ContentStatus.Held : ContentStatus.Published;

    public string ReasonText => string.Join('\n', Reasons);
}

/// <summary>What is being checked: the text, its author and whether it is a post (the first-posts rule) or a comment.</summary>
public sealed record ModerationSubject(Guid AuthorId, string Text, bool IsPost, Guid? ExistingId = null);

/// <summary>
/// Automatic first pass over posts and comments: word lists, links (more for new accounts), shouting, duplicates and
/// posting rate, plus the "hold new members' first posts" setting. Moderators and admins are not checked.
/// </summary>
public sealed partial class ContentModerator(IOptionsMonitor<ModerationOptions> options, TimeProvider clock)
{
    [GeneratedRegex(@"(https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    public async Task<ModerationVerdict> CheckAsync(SelahDbContext db, ModerationSubject subject, bool exempt, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (!o.Enabled || exempt)
        {
            return new ModerationVerdict(0, [], false);
        }

        var score = 0;
        var reasons = new List<string>();
        var text = subject.Text;
        foreach (var word in o.BlockedWords.Where(w => ContainsWord(text, w)))
        {
            score += o.BlockedWordScore;
            reasons.Add($"Blocked word: {word.Trim()}");
        }

        foreach (var word in o.FlaggedWords.Where(w => ContainsWord(text, w)))
        {
            score += o.FlaggedWordScore;
            reasons.Add($"Flagged word: {word.Trim()}");
        }

        var now = clock.GetUtcNow();
        var links = Link().Count(text);
        if (links > o.MaxLinks)
        {
            score += (links - o.MaxLinks) * o.ExtraLinkScore;
            reasons.Add($"Many links ({links})");
        }

        if (links > 0 && o.NewAccountDays > 0)
        {
            var createdAt = await db.Users.Where(u => u.Id == subject.AuthorId).Select(u => u.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (createdAt > now.AddDays(-o.NewAccountDays))
            {
                score += o.NewAccountLinkScore;
                reasons.Add("Links from a new account");
            }
        }

        if (IsShouting(text))
        {
            score += o.ShoutingScore;
            reasons.Add("Shouting (all capitals)");
        }

        var since = now.AddDays(-1);
        var existing = subject.ExistingId ?? Guid.Empty;
        var duplicate = await db.Posts.AnyAsync(p => p.AuthorId == subject.AuthorId && p.Id != existing && p.CreatedAt > since && p.Body == text, cancellationToken)
            || await db.PostComments.AnyAsync(c => c.AuthorId == subject.AuthorId && c.Id != existing && c.CreatedAt > since && c.Body == text, cancellationToken);
        if (duplicate)
        {
            score += o.DuplicateScore;
            reasons.Add("Duplicate of a recent post or comment");
        }

        if (subject.ExistingId is null)
        {
            var window = now.AddMinutes(-o.RapidPostingWindowMinutes);
            var recent = await db.Posts.CountAsync(p => p.AuthorId == subject.AuthorId && p.CreatedAt > window, cancellationToken)
                + await db.PostComments.CountAsync(c => c.AuthorId == subject.AuthorId && c.CreatedAt > window, cancellationToken);
            if (recent >= o.RapidPostingCount)
            {
                score += o.RapidPostingScore;
                reasons.Add("Posting rapidly");
            }
        }

        var held = score >= o.HoldThreshold;
        if (subject.IsPost && subject.ExistingId is null && o.HoldFirstPosts > 0
            && await db.Posts.CountAsync(p => p.AuthorId == subject.AuthorId, cancellationToken) < o.HoldFirstPosts)
        {
            held = true;
            reasons.Add("New member's first posts are reviewed");
        }

        return new ModerationVerdict(score, reasons, held);
    }

    private static bool ContainsWord(string text, string word) =>
        Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word.Trim())}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static bool IsShouting(string text)
    {
        var letters = 0;
        var upper = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    upper++;
                }
            }
        }

        return letters >= 12 && upper * 10 >= letters * 7;
    }
}
