using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Community;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Community.Posts;

/// <summary>Turns posts into <see cref="PostResponse"/>s for one caller, with a fixed number of queries per page.</summary>
public static class PostMapper
{
    public static async Task<List<PostResponse>> ToResponsesAsync(
        SelahDbContext db, IReadOnlyList<Post> posts, ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (posts.Count == 0)
        {
            return [];
        }

        var me = user.TryGetUserId();
        var ids = posts.Select(p => p.Id).ToList();
        var authorIds = posts.Where(p => CommunityAccess.MaySeeAuthor(p, user)).Select(p => p.AuthorId).Distinct().ToList();
        var names = await UserNamesAsync(db, authorIds, cancellationToken);
        var counts = await db.PostReactions.Where(r => ids.Contains(r.PostId)).GroupBy(r => new { r.PostId, r.Kind })
            .Select(g => new { g.Key.PostId, g.Key.Kind, Count = g.Count() }).ToListAsync(cancellationToken);
        var mine = me is { } id
            ? await db.PostReactions.Where(r => ids.Contains(r.PostId) && r.UserId == id).Select(r => new { r.PostId, r.Kind }).ToListAsync(cancellationToken)
            : [];
        var prayed = me is { } id2
            ? (await db.PostPrayers.Where(p => ids.Contains(p.PostId) && p.UserId == id2).Select(p => p.PostId).ToListAsync(cancellationToken)).ToHashSet()
            : [];
        var images = (await db.PostImages.Where(i => ids.Contains(i.PostId)).OrderBy(i => i.Id).ToListAsync(cancellationToken))
            .ToLookup(i => i.PostId, i => new PostImageResponse(i.Id, PostImagesApi.Url(i.PostId, i.Id), i.Width, i.Height));

        return posts.Select(p =>
        {
            int Count(string kind) => counts.FirstOrDefault(c => c.PostId == p.Id && c.Kind == kind)?.Count ?? 0;
            var author = CommunityAccess.MaySeeAuthor(p, user) && names.TryGetValue(p.AuthorId, out var name) ? new CommunityUser(p.AuthorId, name) : null;
            var isMine = me == p.AuthorId;
            return new PostResponse(
                p.Id, p.Type, p.Body, p.BodyHtml, p.Anonymous, author, isMine, p.Visibility, p.GroupId,
                Split(p.ScriptureReferences), p.TrackId, p.Status, p.Status == ContentStatus.Held,
                p.CreatedAt, p.EditedAt, p.CommentCount,
                new ReactionCounts(Count("amen"), Count("praying"), Count("love"), Count("like")),
                mine.Where(r => r.PostId == p.Id).Select(r => r.Kind).Order(StringComparer.Ordinal).ToList(),
                p.PrayedCount, prayed.Contains(p.Id), p.ExpiresAt, p.ExpiresAt is { } e && e <= now,
                p.AnsweredAt, p.AnswerText, p.AnswerText is null ? null : CommunityMarkdown.ToHtml(p.AnswerText),
                images[p.Id].ToList());
        }).ToList();
    }

    public static async Task<Dictionary<Guid, string>> UserNamesAsync(SelahDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? []
            : await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

    public static IReadOnlyList<string> Split(string references) =>
        references.Length == 0 ? [] : references.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
