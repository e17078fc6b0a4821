using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Contracts.Library;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Community;
using Selah.Server.Features.Community.Groups;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Library;

/// <summary>
/// A playlist as one caller sees it: the row, the caller's role, and for a group playlist the group and whether the
/// caller may manage it (rename, delete, cover).
/// </summary>
public sealed record PlaylistView(Playlist Playlist, string Role, bool ViaShareLink, PlaylistGroupInfo? Group = null, bool? Manage = null)
{
    public bool CanEditTracks => Role is PlaylistRoles.Owner or PlaylistRoles.Collaborator;

    public bool IsOwner => Role == PlaylistRoles.Owner;

    /// <summary>Rename, describe, delete, cover: the owner; for a group playlist also the group's owner and leaders.</summary>
    public bool CanManage => Manage ?? IsOwner;
}

/// <summary>The group of a group playlist, as far as access needs it.</summary>
public sealed record PlaylistGroupInfo(Guid Id, string Name, bool IsPrivate);

/// <summary>
/// Who may see and change a playlist, and its ordered entries. Order is a gapped <c>long</c> sort key, unique per
/// playlist; every change to the entries runs in a transaction that first bumps the playlist's version with an
/// UPDATE — on PostgreSQL that row lock serialises editors of one playlist, on SQLite the transaction is
/// <c>BEGIN IMMEDIATE</c> — so concurrent inserts and moves read the entries only after the previous edit committed
/// and can never produce two entries at one position or lose one.
/// </summary>
public static class PlaylistService
{
    public const long Gap = 1 << 16;
    public const int MaxEntries = 10_000;
    public const int MaxPlaylistsPerUser = 1_000;

    /// <summary>The caller's view of playlist <paramref name="id"/>, or null when it does not exist or they may not see it.</summary>
    public static async Task<PlaylistView?> FindAsync(
        SelahDbContext db, Guid id, ClaimsPrincipal user, string? shareToken, CancellationToken cancellationToken, bool tracking = false)
    {
        var query = tracking ? db.Playlists : db.Playlists.AsNoTracking();
        var playlist = await query.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (playlist is null)
        {
            return null;
        }

        var me = user.TryGetUserId();
        if (playlist.GroupId is { } groupId)
        {
            return await FindGroupPlaylistAsync(db, playlist, groupId, me, user, cancellationToken);
        }

        if (me == playlist.OwnerId)
        {
            return new PlaylistView(playlist, PlaylistRoles.Owner, false);
        }

        if (me is { } userId && await db.PlaylistCollaborators.AnyAsync(c => c.PlaylistId == id && c.UserId == userId, cancellationToken))
        {
            return new PlaylistView(playlist, PlaylistRoles.Collaborator, false);
        }

        if (playlist.IsPublic || CatalogAccess.IsAdmin(user))
        {
            return new PlaylistView(playlist, PlaylistRoles.Viewer, false);
        }

        return shareToken is { Length: > 0 } && playlist.ShareToken is { } token && FixedTimeEquals(token, shareToken)
            ? new PlaylistView(playlist, PlaylistRoles.Viewer, true)
            : null;
    }

    /// <summary>
    /// A group playlist follows its group, not the playlist's own flags (share links and per-user collaborators do not
    /// apply): current members edit the tracks (the creator is <c>owner</c>, the others <c>collaborator</c>); the
    /// creator and the group's owner and leaders manage it. Others see it when the group is public (signed in) or when
    /// they moderate; a private group's playlist is 404 to everyone else, pending members included. A creator who
    /// leaves the group keeps nothing beyond what any non-member has.
    /// </summary>
    private static async Task<PlaylistView?> FindGroupPlaylistAsync(
        SelahDbContext db, Playlist playlist, Guid groupId, Guid? me, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var group = await db.CommunityGroups.AsNoTracking().Where(g => g.Id == groupId)
            .Select(g => new PlaylistGroupInfo(g.Id, g.Name, g.IsPrivate)).SingleOrDefaultAsync(cancellationToken);
        if (group is null)
        {
            return null;
        }

        var role = me is { } userId
            ? await db.GroupMembers.AsNoTracking().Where(m => m.GroupId == groupId && m.UserId == userId && !m.Pending).Select(m => m.Role)
                .FirstOrDefaultAsync(cancellationToken)
            : null;
        if (role is not null)
        {
            var creator = me == playlist.OwnerId;
            var manage = creator || role is GroupRoles.Owner or GroupRoles.Leader;
            return new PlaylistView(playlist, creator ? PlaylistRoles.Owner : PlaylistRoles.Collaborator, false, group, manage);
        }

        return (!group.IsPrivate && me is not null) || CommunityAccess.IsModerator(user)
            ? new PlaylistView(playlist, PlaylistRoles.Viewer, false, group, false)
            : null;
    }

    public static string NewShareToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool FixedTimeEquals(string a, string b) =>
        a.Length == b.Length && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    public static string ShareUrl(string token) => $"/playlists/shared/{token}";

    public static string CoverUrl(Playlist playlist, string? shareToken) =>
        $"/api/v1/playlists/{playlist.Id}/cover?v=" + (playlist.CoverKey is { } key ? CatalogMapper.Version(key) : $"m{playlist.Version}")
        + (shareToken is null ? "" : $"&share={Uri.EscapeDataString(shareToken)}");

    public static string ETag(long version) => $"\"v{version}\"";

    /// <summary>Parses <c>If-Match</c>: null when absent or <c>*</c>; -1 when present but not one of our ETags (never matches).</summary>
    public static long? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }

        if (header.StartsWith("W/", StringComparison.Ordinal))
        {
            header = header[2..];
        }

        return header.Length > 3 && header[0] == '"' && header[^1] == '"' && header[1] == 'v'
               && long.TryParse(header.AsSpan(2, header.Length - 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v
            : -1;
    }

    /// <summary>
    /// Bumps the version (and so takes the playlist's write lock inside the caller's transaction).
    /// </summary>
    /// <returns>The new version, or null when <paramref name="expectedVersion"/> was given and is not current.</returns>
    public static async Task<long?> BumpAsync(SelahDbContext db, Guid id, long? expectedVersion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = db.Playlists.Where(p => p.Id == id);
        if (expectedVersion is { } expected)
        {
            query = query.Where(p => p.Version == expected);
        }

        var updated = await query.ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (updated == 0)
        {
            return null;
        }

        return await db.Playlists.Where(p => p.Id == id).Select(p => p.Version).SingleAsync(cancellationToken);
    }

    /// <summary>Entries' ids and keys in order, and which of them the caller can see.</summary>
    public static async Task<List<(Guid Id, long Key, bool Visible)>> OrderAsync(
        SelahDbContext db, Guid playlistId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visible = CatalogQueries.VisibleTracks(db, user);
        var rows = await db.PlaylistEntries.AsNoTracking().Where(e => e.PlaylistId == playlistId).OrderBy(e => e.SortKey)
            .Select(e => new { e.Id, e.SortKey, Visible = visible.Any(t => t.Id == e.TrackId) }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.Id, r.SortKey, r.Visible)).ToList();
    }

    /// <summary>
    /// Where an entry placed at visible position <paramref name="position"/> goes in the full order: before the entry
    /// the caller sees at that position, or after the last entry when the position is at or past the end.
    /// </summary>
    public static int FullIndex(List<(Guid Id, long Key, bool Visible)> order, int? position)
    {
        if (position is not { } p)
        {
            return order.Count;
        }

        var seen = 0;
        for (var i = 0; i < order.Count; i++)
        {
            if (!order[i].Visible)
            {
                continue;
            }

            if (seen == p)
            {
                return i;
            }

            seen++;
        }

        return order.Count;
    }

    /// <summary>
    /// A key between the neighbours of <paramref name="index"/> in <paramref name="order"/>, or null when they are
    /// adjacent and the playlist must be renumbered.
    /// </summary>
    public static long? KeyAt(List<(Guid Id, long Key, bool Visible)> order, int index)
    {
        var low = index > 0 ? order[index - 1].Key : 0;
        if (index >= order.Count)
        {
            return low + Gap;
        }

        var high = order[index].Key;
        return high - low >= 2 ? low + (high - low) / 2 : null;
    }

    /// <summary>
    /// Rewrites every key to <c>(i + 1) × Gap</c> in <paramref name="finalOrder"/> (ids of existing entries). Keys are
    /// first negated (a bijection into an unused range) so the unique (playlist, key) index never sees a clash mid-way.
    /// </summary>
    public static async Task RenumberAsync(SelahDbContext db, Guid playlistId, IReadOnlyList<Guid> finalOrder, CancellationToken cancellationToken)
    {
        await db.PlaylistEntries.Where(e => e.PlaylistId == playlistId).ExecuteUpdateAsync(s => s.SetProperty(e => e.SortKey, e => -e.SortKey), cancellationToken);
        for (var i = 0; i < finalOrder.Count; i++)
        {
            var id = finalOrder[i];
            var key = (i + 1) * Gap;
            await db.PlaylistEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SortKey, key), cancellationToken);
        }
    }

    /// <summary>The full playlist response: entries the caller may see, in order, with positions 0…n-1.</summary>
    public static async Task<PlaylistResponse> ToResponseAsync(
        SelahDbContext db, PlaylistView view, ClaimsPrincipal user, string? shareToken, CancellationToken cancellationToken)
    {
        var playlist = view.Playlist;
        var visible = CatalogQueries.VisibleTracks(db, user);
        var entries = await db.PlaylistEntries.AsNoTracking().Where(e => e.PlaylistId == playlist.Id && visible.Any(t => t.Id == e.TrackId))
            .OrderBy(e => e.SortKey)
            .Select(e => new { e.Id, e.TrackId, e.AddedAt, e.AddedById, AddedByName = db.Users.Where(u => u.Id == e.AddedById).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var trackIds = entries.Select(e => e.TrackId).Distinct().ToList();
        var rows = await visible.Where(t => trackIds.Contains(t.Id)).Select(CatalogMapper.TrackRows).ToListAsync(cancellationToken);
        var tracks = (await CatalogMapper.ToResponsesAsync(db, rows, user, cancellationToken)).ToDictionary(t => t.Id);
        var owner = await OwnerAsync(db, playlist.OwnerId, cancellationToken);
        var collaborators = await db.PlaylistCollaborators.AsNoTracking().Where(c => c.PlaylistId == playlist.Id)
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { c.UserId, u.DisplayName, c.AddedAt })
            .ToListAsync(cancellationToken);
        var mapped = entries.Where(e => tracks.ContainsKey(e.TrackId))
            .Select((e, i) => new PlaylistEntryResponse(e.Id, i, tracks[e.TrackId], e.AddedAt, e.AddedById,
                e.AddedById is { } by ? new PlaylistOwner(by, e.AddedByName ?? "") : null)).ToList();
        return new PlaylistResponse
        {
            Id = playlist.Id,
            Name = playlist.Name,
            Description = playlist.Description,
            IsPublic = view.Group is { } group ? !group.IsPrivate : playlist.IsPublic,
            Collaborative = collaborators.Count > 0 || view.Group is not null,
            Owner = owner,
            Role = view.Role,
            CanManage = view.CanManage,
            Group = view.Group is { } g ? new PlaylistGroup(g.Id, g.Name) : null,
            CoverUrl = CoverUrl(playlist, view.ViaShareLink ? shareToken : null),
            HasCustomCover = playlist.CoverKey is not null,
            Version = playlist.Version,
            Entries = mapped,
            DurationSeconds = mapped.Sum(e => e.Track.DurationSeconds ?? 0),
            Collaborators = collaborators.OrderBy(c => c.AddedAt).Select(c => new PlaylistCollaborator(c.UserId, c.DisplayName, c.AddedAt)).ToList(),
            ShareUrl = view.IsOwner && playlist.ShareToken is { } token ? ShareUrl(token) : null,
            CreatedAt = playlist.CreatedAt,
            UpdatedAt = playlist.UpdatedAt,
        };
    }

    public static async Task<PlaylistOwner> OwnerAsync(SelahDbContext db, Guid ownerId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new PlaylistOwner(u.Id, u.DisplayName)).SingleOrDefaultAsync(cancellationToken)
        ?? new PlaylistOwner(ownerId, "");

    /// <summary>Summaries of a page of playlists, with visible-entry counts in one query.</summary>
    public static async Task<List<PlaylistSummary>> ToSummariesAsync(
        SelahDbContext db, IQueryable<Playlist> playlists, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var me = user.TryGetUserId();
        var visible = CatalogQueries.VisibleTracks(db, user);
        var rows = await playlists.Select(p => new
        {
            Playlist = p,
            OwnerName = db.Users.Where(u => u.Id == p.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            Count = db.PlaylistEntries.Count(e => e.PlaylistId == p.Id && visible.Any(t => t.Id == e.TrackId)),
            Collaborative = db.PlaylistCollaborators.Any(c => c.PlaylistId == p.Id),
            IsCollaborator = me != null && db.PlaylistCollaborators.Any(c => c.PlaylistId == p.Id && c.UserId == me),
            Group = db.CommunityGroups.Where(g => g.Id == p.GroupId).Select(g => new { g.Id, g.Name, g.IsPrivate }).FirstOrDefault(),
            IsGroupMember = me != null && db.GroupMembers.Any(m => m.GroupId == p.GroupId && m.UserId == me && !m.Pending),
        }).ToListAsync(cancellationToken);
        return rows.Select(r => new PlaylistSummary
        {
            Id = r.Playlist.Id,
            Name = r.Playlist.Name,
            Description = r.Playlist.Description,
            IsPublic = r.Group is { } group ? !group.IsPrivate : r.Playlist.IsPublic,
            Collaborative = r.Collaborative || r.Group is not null,
            Owner = new PlaylistOwner(r.Playlist.OwnerId, r.OwnerName ?? ""),
            Role = r.Group is not null
                ? r.IsGroupMember ? r.Playlist.OwnerId == me ? PlaylistRoles.Owner : PlaylistRoles.Collaborator : PlaylistRoles.Viewer
                : r.Playlist.OwnerId == me ? PlaylistRoles.Owner : r.IsCollaborator ? PlaylistRoles.Collaborator : PlaylistRoles.Viewer,
            Group = r.Group is { } g ? new PlaylistGroup(g.Id, g.Name) : null,
            TrackCount = r.Count,
            CoverUrl = CoverUrl(r.Playlist, null),
            CreatedAt = r.Playlist.CreatedAt,
            UpdatedAt = r.Playlist.UpdatedAt,
        }).ToList();
    }

    /// <summary>
    /// Playlists <paramref name="user"/> may find in search: public ones, their own and those they collaborate on, and
    /// group playlists of public groups (signed in) and of groups they are a current member of.
    /// </summary>
    public static IQueryable<Playlist> Discoverable(SelahDbContext db, ClaimsPrincipal user)
    {
        var playlists = db.Playlists.AsNoTracking();
        return user.TryGetUserId() is { } me
            ? playlists.Where(p => p.GroupId == null
                ? p.IsPublic || p.OwnerId == me || db.PlaylistCollaborators.Any(c => c.PlaylistId == p.Id && c.UserId == me)
                : db.CommunityGroups.Any(g => g.Id == p.GroupId && !g.IsPrivate) || db.GroupMembers.Any(m => m.GroupId == p.GroupId && m.UserId == me && !m.Pending))
            : playlists.Where(p => p.IsPublic && p.GroupId == null);
    }

    /// <summary>Playlists the caller may edit: their personal ones, those they collaborate on, and their groups' playlists.</summary>
    public static IQueryable<Playlist> Editable(SelahDbContext db, Guid me) =>
        db.Playlists.AsNoTracking().Where(p => p.GroupId == null
            ? p.OwnerId == me || db.PlaylistCollaborators.Any(c => c.PlaylistId == p.Id && c.UserId == me)
            : db.GroupMembers.Any(m => m.GroupId == p.GroupId && m.UserId == me && !m.Pending));
}
