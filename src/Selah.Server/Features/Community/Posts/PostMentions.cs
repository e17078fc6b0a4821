using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Selah.Server.Features.Community.Notifications;
using Selah.Server.Infrastructure.Data;

namespace Selah.Server.Features.Community.Posts;

/// <summary>
/// <c>@name</c> mentions: the token after <c>@</c> matches a display name with its spaces removed, case-insensitively
/// (<c>@AnnaBrown</c> for "Anna Brown"). Only people who may read the post are notified; the mention of an anonymous
/// post names no actor.
/// </summary>
public sealed partial class PostMentions(CommunityNotifier notifier)
{
    private const int MaxMentions = 10;

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])@([\p{L}\p{N}_.\-]{2,40})")]
    private static partial Regex Mention();

    public async Task NotifyAsync(SelahDbContext db, Post post, string text, CancellationToken cancellationToken, Guid? commentAuthorId = null)
    {
        var tokens = Mention().Matches(text).Select(m => m.Groups[1].Value.TrimEnd('.', '-').ToLowerInvariant()).Distinct().Take(MaxMentions).ToList();
        if (tokens.Count == 0)
        {
            return;
        }

        var users = await db.Users.Where(u => tokens.Contains(u.DisplayName.Replace(" ", "").ToLower())).Select(u => u.Id).Take(50).ToListAsync(cancellationToken);
        if (post.Visibility == "group")
        {
            var members = await db.GroupMembers.Where(m => m.GroupId == post.GroupId && !m.Pending && users.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(cancellationToken);
            users = users.Where(members.Contains).ToList();
        }

        var author = commentAuthorId ?? post.AuthorId;
        var anonymous = post.Anonymous && author == post.AuthorId;
        foreach (var user in users)
        {
            await notifier.NotifyAsync(db, new CommunityNotice(user, NotificationTypes.Mention, $"mention:{post.Id}", anonymous ? null : author,
                post.Id, "post", CommunityNotifier.Excerpt(post.Body)), author, cancellationToken);
        }
    }
}
