using System.Security.Claims;
using Selah.Contracts.Accounts;
using Selah.Server.Features.Community.Posts;
using Selah.Server.Features.Community.Social;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community;

/// <summary>
/// Who may see what in the community, in one place: moderation state, visibility (public, members, group), blocks
/// (hidden both ways) and mutes (hidden from the muter's lists). Moderators and admins see every item by id.
/// </summary>
public static class CommunityAccess
{
    public static bool IsModerator(ClaimsPrincipal user) => user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);

    /// <summary>Posts the caller may open by id (not deleted; held/rejected only their own; group posts for members).</summary>
    public static IQueryable<Post> Readable(SelahDbContext db, ClaimsPrincipal user)
    {
        var posts = db.Posts.Where(p => p.DeletedAt == null);
        if (user.TryGetUserId() is not { } me)
        {
            return posts.Where(p => p.Status == ContentStatus.Published && p.Visibility == "public");
        }

        if (IsModerator(user))
        {
            return posts;
        }

        return posts
            .Where(p => p.Status == ContentStatus.Published || p.AuthorId == me)
            .Where(p => p.Visibility != "group" || db.GroupMembers.Any(m => m.GroupId == p.GroupId && m.UserId == me && !m.Pending))
            .Where(p => p.AuthorId == me || !db.UserRestrictions.Any(r => r.Kind == UserRestriction.Block
                && ((r.UserId == me && r.OtherId == p.AuthorId) || (r.UserId == p.AuthorId && r.OtherId == me))));
    }

    /// <summary>Posts for lists: readable, not held for others (also for moderators, who use the queue), not muted.</summary>
    public static IQueryable<Post> Listable(SelahDbContext db, ClaimsPrincipal user)
    {
        var posts = Readable(db, user);
        if (user.TryGetUserId() is not { } me)
        {
            return posts;
        }

        if (IsModerator(user))
        {
            posts = posts
                .Where(p => p.Status == ContentStatus.Published || p.AuthorId == me)
                .Where(p => p.Visibility != "group" || db.GroupMembers.Any(m => m.GroupId == p.GroupId && m.UserId == me && !m.Pending));
        }

        // Muting hides the muted person's named posts; their anonymous ones stay, or the mute would reveal who wrote them.
        return posts.Where(p => p.Anonymous
            || !db.UserRestrictions.Any(r => r.Kind == UserRestriction.Mute && r.UserId == me && r.OtherId == p.AuthorId));
    }

    /// <summary>Whether the caller may see the author of <paramref name="post"/>.</summary>
    public static bool MaySeeAuthor(Post post, ClaimsPrincipal user) =>
        !post.Anonymous || IsModerator(user) || user.TryGetUserId() == post.AuthorId;

    /// <summary>Comment authors: the anonymous post's own author stays anonymous on their post.</summary>
    public static bool MaySeeCommentAuthor(Post post, PostComment comment, ClaimsPrincipal user) =>
        comment.AuthorId != post.AuthorId || MaySeeAuthor(post, user);
}
