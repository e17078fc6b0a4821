using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Catalog;
using Selah.Contracts.Worship;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Worship.ChordPro;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Worship;

/// <summary>
/// Set lists (service plans). Any signed-in member plans their own; the owner edits, team members read, and to everyone
/// else a set list does not exist (404). Items and team are replaced as a whole; reorder moves items.
/// </summary>
public static class SetListsApi
{
    private static readonly TimeSpan UpcomingGrace = TimeSpan.FromHours(6);

    public static IEndpointRouteBuilder MapSetListsApi(this IEndpointRouteBuilder app)
    {
        var sets = WorshipExtensions.Group(app, "/api/v1/setlists").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        sets.MapGet("/", ListAsync).WithName("ListSetLists").WithSummary("The caller's set lists and those they are on the team of.");
        sets.MapGet("/people", PeopleAsync).WithName("FindTeamCandidates")
            .WithSummary("Active members whose display name contains the text (2–100 characters), to put on a team; at most 10.");
        sets.MapPost("/", CreateAsync).WithName("CreateSetList").WithSummary("Plans a service.");
        sets.MapGet("/{id:guid}", GetAsync).WithName("GetSetList").WithSummary("One set list (owner and team).");
        sets.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateSetList").WithSummary("Replaces a set list (owner).");
        sets.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSetList").WithSummary("Deletes a set list (owner).");
        sets.MapPost("/{id:guid}/reorder", ReorderAsync).WithName("ReorderSetList").WithSummary("Puts the items in a new order (owner).");
        return app;
    }

    public static async Task<Results<Ok<CatalogPage<SetListSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] SetListListQuery query, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var when = (query.When ?? "upcoming").Trim().ToLowerInvariant();
        if (when is not ("upcoming" or "past"))
        {
            return Problems.Field("when", "When must be upcoming or past.");
        }

        var me = user.GetUserId();
        var from = clock.GetUtcNow() - UpcomingGrace;
        var sets = db.SetLists.AsNoTracking().Where(s => s.OwnerId == me || s.Members.Any(m => m.UserId == me));
        sets = when == "upcoming" ? sets.Where(s => s.StartsAt >= from) : sets.Where(s => s.StartsAt < from);
        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, when, out var cursor) || !cursor.TryGetLong(out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            var id = cursor.Id;
            sets = when == "upcoming"
                ? sets.Where(s => s.StartsAt > at || (s.StartsAt == at && s.Id.CompareTo(id) > 0))
                : sets.Where(s => s.StartsAt < at || (s.StartsAt == at && s.Id.CompareTo(id) < 0));
        }

        sets = when == "upcoming" ? sets.OrderBy(s => s.StartsAt).ThenBy(s => s.Id) : sets.OrderByDescending(s => s.StartsAt).ThenByDescending(s => s.Id);
        var rows = await sets.Take(limit + 1).Select(s => new SetListSummary(s.Id, s.Title, s.StartsAt, s.OwnerId, s.Items.Count)).ToListAsync(cancellationToken);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? CatalogCursor.For(when, page[^1].StartsAt.UtcTicks, page[^1].Id).Encode() : null;
        return TypedResults.Ok(new CatalogPage<SetListSummary>(page, next));
    }

    public static async Task<Results<Ok<List<TeamCandidate>>, ValidationProblem>> PeopleAsync(
        string? q, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var text = (q ?? "").Trim();
        if (text.Length is < 2 or > 100)
        {
            return Problems.Field("q", "Type 2 to 100 characters of a name.");
        }

        var me = user.GetUserId();
        var upper = text.ToUpperInvariant();
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id != me && u.Status == Selah.Contracts.Admin.AccountStatus.Active && u.DisplayName.ToUpper().Contains(upper))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id).Take(10)
            .Select(u => new TeamCandidate(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
        return TypedResults.Ok(people);
    }

    public static async Task<Results<Ok<SetListResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var set = await LoadAsync(db, id, cancellationToken);
        return set is null || !CanView(set, user) ? Problems.NotFound("The set list") : TypedResults.Ok(await ToResponseAsync(db, set, user, cancellationToken));
    }

    public static async Task<Results<Created<SetListResponse>, ValidationProblem>> CreateAsync(
        SetListRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var set = new SetList { Id = Guid.CreateVersion7(now), OwnerId = user.GetUserId(), Title = "", CreatedAt = now };
        if (await ApplyAsync(set, request, db, now, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.SetLists.Add(set);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/setlists/{set.Id}", await ToResponseAsync(db, set, user, cancellationToken));
    }

    public static async Task<Results<Ok<SetListResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SetListRequest request, ClaimsPrincipal user, SelahDbContext db, WorshipConnections live, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var set = await db.SetLists.Include(s => s.Items).Include(s => s.Members).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Deny(set, user) is { } denied)
        {
            return denied;
        }

        var before = set!.Members.Select(m => m.UserId).ToList();
        if (await ApplyAsync(set, request, db, clock.GetUtcNow(), cancellationToken) is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(cancellationToken);
        // Whoever left the team stops receiving the live session's slides now, not when they next reconnect.
        await live.EvictAsync(id, before.Except(set.Members.Select(m => m.UserId)).ToList());
        return TypedResults.Ok(await ToResponseAsync(db, set!, user, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, WorshipConnections live, CancellationToken cancellationToken)
    {
        var set = await db.SetLists.Include(s => s.Members).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Deny(set, user) is { } denied)
        {
            return denied;
        }

        var everyone = set!.Members.Select(m => m.UserId).Append(set.OwnerId).ToList();
        db.SetLists.Remove(set);
        await db.SaveChangesAsync(cancellationToken);
        await live.EvictAsync(id, everyone);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SetListResponse>, ValidationProblem, ProblemHttpResult>> ReorderAsync(
        Guid id, ReorderRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var set = await db.SetLists.Include(s => s.Items).Include(s => s.Members).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (Deny(set, user) is { } denied)
        {
            return denied;
        }

        var ids = request.ItemIds ?? [];
        if (ids.Count != set!.Items.Count || ids.Distinct().Count() != ids.Count || ids.Any(i => set.Items.All(x => x.Id != i)))
        {
            return Problems.Field("itemIds", "Item ids must list every item of the set list exactly once.");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            set.Items.Single(x => x.Id == ids[i]).Position = i;
        }

        set.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToResponseAsync(db, set, user, cancellationToken));
    }

    private static bool CanView(SetList set, ClaimsPrincipal user) =>
        user.TryGetUserId() is { } me && (set.OwnerId == me || set.Members.Any(m => m.UserId == me));

    /// <summary>404 for strangers (existence is not revealed), 403 for team members, null for the owner.</summary>
    private static ProblemHttpResult? Deny(SetList? set, ClaimsPrincipal user)
    {
        if (set is null || !CanView(set, user))
        {
            return Problems.NotFound("The set list");
        }

        return set.OwnerId == user.GetUserId() ? null : Problems.Forbidden("forbidden", "Only the set list's owner may change it.");
    }

    private static async Task<ValidationProblem?> ApplyAsync(SetList set, SetListRequest request, SelahDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var title = request.Title.Trim();
        if (title.Length == 0)
        {
            return Problems.Field("title", "Title is required.");
        }

        if (request.StartsAt == default)
        {
            return Problems.Field("startsAt", "Start date and time are required.");
        }

        var items = request.Items ?? [];
        var songIds = items.Select(i => i.SongId).OfType<Guid>().Distinct().ToList();
        var songs = await db.Songs.AsNoTracking().Where(s => songIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Title, Arrangements = s.Arrangements.Select(a => new { a.Id, a.Key }).ToList() })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var newItems = new List<SetListItem>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var field = $"items[{i}]";
            if (item is null)
            {
                return Problems.Field(field, "An item is required.");
            }

            // Nested records are not covered by the validation filter: check lengths and control characters here.
            if (HasControl(item.Title) || HasControl(item.Notes) || HasControl(item.Key))
            {
                return Problems.Field(field, "The value contains control characters.");
            }

            if (item.Title is { Length: > WorshipLimits.TitleMaxLength })
            {
                return Problems.Field($"{field}.title", "Title must be at most 200 characters.");
            }

            if (item.Notes is { Length: > 2000 })
            {
                return Problems.Field($"{field}.notes", "Notes must be at most 2000 characters.");
            }

            MusicKey? key = null;
            if (!string.IsNullOrWhiteSpace(item.Key))
            {
                if (!MusicKey.TryParse(item.Key, out var parsed))
                {
                    return Problems.Field($"{field}.key", "Key must be a key such as G, Bb or F#m.");
                }

                key = parsed;
            }

            string itemTitle;
            if (item.SongId is { } songId)
            {
                if (!songs.TryGetValue(songId, out var song))
                {
                    return Problems.Field($"{field}.songId", "The song was not found.");
                }

                if (item.ArrangementId is { } arrangementId && song.Arrangements.All(a => a.Id != arrangementId))
                {
                    return Problems.Field($"{field}.arrangementId", "The arrangement is not one of the song's arrangements.");
                }

                key ??= item.ArrangementId is { } chosen && MusicKey.TryParse(song.Arrangements.Single(a => a.Id == chosen).Key, out var k) ? k : null;
                itemTitle = string.IsNullOrWhiteSpace(item.Title) ? song.Title : item.Title.Trim();
            }
            else
            {
                if (item.ArrangementId is not null)
                {
                    return Problems.Field($"{field}.songId", "An arrangement needs its song.");
                }

                if (string.IsNullOrWhiteSpace(item.Title))
                {
                    return Problems.Field($"{field}.title", "A free item needs a title (or give a songId).");
                }

                if (key is not null)
                {
                    return Problems.Field($"{field}.key", "Only song items have a key.");
                }

                itemTitle = item.Title.Trim();
            }

            newItems.Add(new SetListItem
            {
                Id = Guid.CreateVersion7(now), SetListId = set.Id, Position = i, SongId = item.SongId, ArrangementId = item.ArrangementId,
                Key = key?.ToString(), Title = itemTitle, Notes = string.IsNullOrWhiteSpace(item.Notes) ? null : item.Notes.Trim(),
            });
        }

        var team = request.Team ?? [];
        if (team.Any(m => m is null))
        {
            return Problems.Field("team", "A team member is required.");
        }

        var memberIds = team.Select(m => m.UserId).ToList();
        if (memberIds.Distinct().Count() != memberIds.Count)
        {
            return Problems.Field("team", "A person can be on the team only once.");
        }

        if (memberIds.Contains(set.OwnerId))
        {
            return Problems.Field("team", "The owner is always on the team; do not list them.");
        }

        var known = await db.Users.Where(u => memberIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (memberIds.Where(m => !known.Contains(m)).ToList() is [var unknown, ..])
        {
            return Problems.Field("team", $"User {unknown} was not found.");
        }

        if (team.Any(m => string.IsNullOrWhiteSpace(m.Role) || m.Role.Trim().Length > 60 || HasControl(m.Role)))
        {
            return Problems.Field("team", "Each team member needs a role of at most 60 characters (e.g. Vocals, Keys).");
        }

        set.Title = title;
        set.StartsAt = request.StartsAt.ToUniversalTime();
        set.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        set.UpdatedAt = now;
        // Replace the items (new rows, added explicitly: their ids are set, so EF would otherwise take them for existing
        // rows); keep the member rows of people who stay on the team, so their keys are not deleted and re-added at once.
        db.SetListItems.RemoveRange(set.Items);
        set.Items.Clear();
        foreach (var item in newItems)
        {
            set.Items.Add(item);
            db.SetListItems.Add(item);
        }

        foreach (var gone in set.Members.Where(m => !memberIds.Contains(m.UserId)).ToList())
        {
            set.Members.Remove(gone);
            db.SetListMembers.Remove(gone);
        }

        foreach (var wanted in team)
        {
            if (set.Members.FirstOrDefault(m => m.UserId == wanted.UserId) is { } existing)
            {
                existing.Role = wanted.Role.Trim();
            }
            else
            {
                var member = new SetListMember { SetListId = set.Id, UserId = wanted.UserId, Role = wanted.Role.Trim() };
                set.Members.Add(member);
                db.SetListMembers.Add(member);
            }
        }

        return null;
    }

    private static bool HasControl(string? text) => text is not null && text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'));

    private static Task<SetList?> LoadAsync(SelahDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.SetLists.AsNoTracking().Include(s => s.Items).Include(s => s.Members).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    private static async Task<SetListResponse> ToResponseAsync(SelahDbContext db, SetList set, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var songIds = set.Items.Select(i => i.SongId).OfType<Guid>().Distinct().ToList();
        var arrangementIds = set.Items.Select(i => i.ArrangementId).OfType<Guid>().Distinct().ToList();
        var songTitles = await db.Songs.AsNoTracking().Where(s => songIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var arrangementNames = await db.SongArrangements.AsNoTracking().Where(a => arrangementIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var memberIds = set.Members.Select(m => m.UserId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var items = set.Items.OrderBy(i => i.Position).ThenBy(i => i.Id).Select((i, index) => new SetListItemResponse(
            i.Id, index, i.SongId is null ? "item" : "song", i.SongId, i.ArrangementId,
            i.SongId is { } s && songTitles.TryGetValue(s, out var t) ? t : i.Title,
            i.ArrangementId is { } a && arrangementNames.TryGetValue(a, out var n) ? n : null, i.Key, i.Notes)).ToList();
        var team = set.Members.Select(m => new SetListMemberResponse(m.UserId, names.GetValueOrDefault(m.UserId, ""), m.Role))
            .OrderBy(m => m.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
        return new SetListResponse(set.Id, set.Title, set.StartsAt, set.Notes, set.OwnerId, set.OwnerId == user.TryGetUserId(), items, team, set.UpdatedAt);
    }
}
