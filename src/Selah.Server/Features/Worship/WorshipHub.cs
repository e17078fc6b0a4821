using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Selah.Contracts.Worship;
using Selah.Server.Features.Worship.ChordPro;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Worship;

/// <summary>
/// A set list's live session (<c>/hubs/worship</c>). Anyone who may view the set list (owner and team) joins and gets
/// the deck and the current slide; the owner and team members whose role names them a leader ("Leader", "Worship
/// leader") move it. Every move is sent to the set list's group as <c>slide</c>; the position is kept in the
/// distributed cache (Redis when configured), so a late joiner on any node lands on the current slide. Someone taken off
/// the team is taken out of the group at once (<see cref="WorshipConnections"/>) and gets <c>removed</c>.
/// </summary>
[Authorize]
public sealed class WorshipHub(SelahDbContext db, WorshipLiveSessions sessions, WorshipConnections connections) : Hub
{
    public const string Path = "/hubs/worship";
    public const string SlideMethod = "slide";

    public static string GroupName(Guid setListId) => "worship:" + setListId.ToString("N");

    /// <summary>Joins the live session: the deck, whether the caller may lead, and the current slide.</summary>
    public async Task<WorshipSessionState> Join(Guid setListId)
    {
        var (set, deck) = await LoadAsync(setListId);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(setListId), Context.ConnectionAborted);
        connections.Joined(Context.ConnectionId, Context.User!.GetUserId(), setListId);
        var position = await sessions.GetAsync(setListId, Context.ConnectionAborted);
        return new WorshipSessionState(set.Id, set.Title, CanLead(set), deck, WorshipDeck.Message(setListId, deck, position));
    }

    /// <summary>Stops receiving the session's slides.</summary>
    public Task Leave(Guid setListId)
    {
        connections.Left(Context.ConnectionId, setListId);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(setListId), Context.ConnectionAborted);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Disconnected(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>Moves to a slide of an item (leader).</summary>
    public Task<WorshipSlideMessage> GoTo(Guid setListId, int itemIndex, int slideIndex) =>
        MoveAsync(setListId, (deck, _) =>
        {
            if (itemIndex < 0 || itemIndex >= deck.Count || slideIndex < 0 || slideIndex >= deck[itemIndex].Slides.Count)
            {
                throw new HubException("There is no such slide in the set list.");
            }

            return (itemIndex, slideIndex, (bool?)null);
        });

    /// <summary>The next slide, across items; stays on the last one (leader).</summary>
    public Task<WorshipSlideMessage> Next(Guid setListId) =>
        MoveAsync(setListId, (deck, at) => WithBlank(WorshipDeck.Step(deck, at, +1)));

    /// <summary>The previous slide, across items; stays on the first one (leader).</summary>
    public Task<WorshipSlideMessage> Previous(Guid setListId) =>
        MoveAsync(setListId, (deck, at) => WithBlank(WorshipDeck.Step(deck, at, -1)));

    /// <summary>Blanks the screens (or shows the slide again) without moving (leader).</summary>
    public Task<WorshipSlideMessage> Blank(Guid setListId, bool blank) =>
        MoveAsync(setListId, (_, at) => (at.ItemIndex, at.SlideIndex, (bool?)blank));

    private static (int Item, int Slide, bool? Blank) WithBlank((int Item, int Slide) at) => (at.Item, at.Slide, null);

    private async Task<WorshipSlideMessage> MoveAsync(
        Guid setListId, Func<IReadOnlyList<WorshipDeckItem>, WorshipPosition, (int Item, int Slide, bool? Blank)> move)
    {
        var (set, deck) = await LoadAsync(setListId);
        if (!CanLead(set))
        {
            throw new HubException("Only the set list's owner or a team member with a leader role can lead the session.");
        }

        var message = await sessions.UpdateAsync(setListId, at =>
        {
            at = WorshipDeck.Clamp(deck, at);
            var (item, slide, blank) = move(deck, at);
            // Moving to a slide shows it; only Blank(true) blanks.
            return at with { ItemIndex = item, SlideIndex = slide, Blank = blank ?? false };
        }, deck, Context.ConnectionAborted);
        await Clients.Group(GroupName(setListId)).SendAsync(SlideMethod, message, Context.ConnectionAborted);
        return message;
    }

    private bool CanLead(SetList set) =>
        Context.User?.TryGetUserId() is { } me
        && (set.OwnerId == me || set.Members.Any(m => m.UserId == me && WorshipDeck.IsLeaderRole(m.Role)));

    private async Task<(SetList Set, IReadOnlyList<WorshipDeckItem> Deck)> LoadAsync(Guid setListId)
    {
        var me = Context.User?.TryGetUserId();
        var set = await db.SetLists.AsNoTracking().Include(s => s.Items).Include(s => s.Members)
            .SingleOrDefaultAsync(s => s.Id == setListId, Context.ConnectionAborted);
        if (set is null || me is null || (set.OwnerId != me && set.Members.All(m => m.UserId != me)))
        {
            throw new HubException("The set list was not found.");
        }

        return (set, await WorshipDeck.BuildAsync(db, set, Context.ConnectionAborted));
    }
}

/// <summary>Where a live session is.</summary>
public sealed record WorshipPosition(int ItemIndex, int SlideIndex, bool Blank, long Version, DateTimeOffset ChangedAt);

/// <summary>Builds a set list's slides and moves through them.</summary>
public static class WorshipDeck
{
    public static bool IsLeaderRole(string role) => role.Contains("leader", StringComparison.OrdinalIgnoreCase);

    public static async Task<IReadOnlyList<WorshipDeckItem>> BuildAsync(SelahDbContext db, SetList set, CancellationToken cancellationToken)
    {
        var items = set.Items.OrderBy(i => i.Position).ThenBy(i => i.Id).ToList();
        var songIds = items.Select(i => i.SongId).OfType<Guid>().Distinct().ToList();
        var arrangements = await db.SongArrangements.AsNoTracking().Where(a => songIds.Contains(a.SongId))
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).ToListAsync(cancellationToken);
        var titles = await db.Songs.AsNoTracking().Where(s => songIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var deck = new List<WorshipDeckItem>(items.Count);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index];
            var title = item.SongId is { } sid && titles.TryGetValue(sid, out var t) ? t : item.Title;
            var arrangement = item.SongId is null ? null
                : arrangements.FirstOrDefault(a => a.Id == item.ArrangementId) ?? arrangements.FirstOrDefault(a => a.SongId == item.SongId);
            var slides = arrangement is null ? [] : Slides(index, title, arrangement);
            if (slides.Count == 0)
            {
                slides = [new WorshipSlide(index, 0, title, null, null, [title])];
            }

            deck.Add(new WorshipDeckItem(index, item.SongId is null ? "item" : "song", title, item.SongId, arrangement?.Id,
                item.Key ?? arrangement?.Key, slides));
        }

        return deck;
    }

    /// <summary>One slide per section with lyrics, in the arrangement's sequence when it has one (a section may repeat).</summary>
    public static IReadOnlyList<WorshipSlide> Slides(int itemIndex, string title, SongArrangement arrangement)
    {
        var sections = SheetRenderer.Sections(ChordProParser.Parse(arrangement.ChordPro))
            .Select(s => (Label: s.Label ?? TypeName(s.Type), s.Code, Lines: LyricLines(s)))
            .Where(s => s.Lines.Count > 0).ToList();
        var ordered = sections;
        if (arrangement.Sequence.Count > 0)
        {
            var picked = arrangement.Sequence
                .Select(token => sections.FirstOrDefault(s => s.Code is { } code && SameCode(code, token)))
                .Where(s => s.Lines is not null).ToList();
            if (picked.Count > 0)
            {
                ordered = picked;
            }
        }

        return ordered.Select((s, i) => new WorshipSlide(itemIndex, i, title, s.Label ?? s.Code, s.Code, s.Lines)).ToList();
    }

    // An unlabelled {start_of_chorus} is shown as "Chorus"; paragraphs outside sections have no label.
    private static string? TypeName(string type) =>
        type is "none" or "" ? null : char.ToUpperInvariant(type[0]) + type[1..].Replace('_', ' ');

    private static List<string> LyricLines(SheetSection section)
    {
        var lines = section.Lines.OfType<LyricsLine>()
            .Select(l => string.Concat(l.Segments.Select(s => s.Lyrics)).Trim())
            .Where(l => l.Length > 0).ToList();
        return lines;
    }

    private static bool SameCode(string code, string token) =>
        string.Equals(code, token, StringComparison.OrdinalIgnoreCase)
        || string.Equals(code, token + "1", StringComparison.OrdinalIgnoreCase)
        || (token.Length > 1 && token.EndsWith('1') && !char.IsDigit(token[^2]) && string.Equals(code, token[..^1], StringComparison.OrdinalIgnoreCase));

    /// <summary>Keeps a stored position inside the deck (items may have been removed since).</summary>
    public static WorshipPosition Clamp(IReadOnlyList<WorshipDeckItem> deck, WorshipPosition at)
    {
        if (deck.Count == 0)
        {
            return at with { ItemIndex = 0, SlideIndex = 0 };
        }

        var item = Math.Clamp(at.ItemIndex, 0, deck.Count - 1);
        return at with { ItemIndex = item, SlideIndex = Math.Clamp(at.SlideIndex, 0, deck[item].Slides.Count - 1) };
    }

    /// <summary>The slide one step forward or back, moving into the next or previous item; null past either end.</summary>
    public static (int Item, int Slide)? StepOrNull(IReadOnlyList<WorshipDeckItem> deck, WorshipPosition at, int direction)
    {
        if (deck.Count == 0)
        {
            return null;
        }

        var (item, slide) = (at.ItemIndex, at.SlideIndex + direction);
        if (slide >= deck[item].Slides.Count)
        {
            (item, slide) = (item + 1, 0);
        }
        else if (slide < 0)
        {
            item--;
            slide = item >= 0 ? deck[item].Slides.Count - 1 : 0;
        }

        return item < 0 || item >= deck.Count ? null : (item, slide);
    }

    public static (int Item, int Slide) Step(IReadOnlyList<WorshipDeckItem> deck, WorshipPosition at, int direction) =>
        StepOrNull(deck, at, direction) ?? (at.ItemIndex, at.SlideIndex);

    public static WorshipSlide? SlideAt(IReadOnlyList<WorshipDeckItem> deck, int item, int slide) =>
        item >= 0 && item < deck.Count && slide >= 0 && slide < deck[item].Slides.Count ? deck[item].Slides[slide] : null;

    public static WorshipSlideMessage Message(Guid setListId, IReadOnlyList<WorshipDeckItem> deck, WorshipPosition? stored)
    {
        var at = Clamp(deck, stored ?? new WorshipPosition(0, 0, false, 0, DateTimeOffset.UnixEpoch));
        var next = StepOrNull(deck, at, +1) is var (ni, ns) ? SlideAt(deck, ni, ns) : null;
        return new WorshipSlideMessage(setListId, at.ItemIndex, at.SlideIndex, at.Blank, SlideAt(deck, at.ItemIndex, at.SlideIndex), next, at.Version, at.ChangedAt);
    }
}

/// <summary>
/// The live sessions' positions: in the distributed cache when one is registered (Redis, shared by every node), else in
/// this process. Updates of one set list are serialised within a node; across nodes the last write wins.
/// </summary>
public sealed class WorshipLiveSessions(IServiceProvider services, TimeProvider clock)
{
    private static readonly DistributedCacheEntryOptions Entry = new() { SlidingExpiration = TimeSpan.FromHours(12) };
    private readonly IDistributedCache? _cache = services.GetService<IDistributedCache>();
    private readonly ConcurrentDictionary<Guid, WorshipPosition> _local = new();
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> _locks = new();

    private static string Key(Guid setListId) => "selah:worship:live:" + setListId.ToString("N");

    public async Task<WorshipPosition?> GetAsync(Guid setListId, CancellationToken cancellationToken)
    {
        if (_cache is null)
        {
            return _local.TryGetValue(setListId, out var at) ? at : null;
        }

        var bytes = await _cache.GetAsync(Key(setListId), cancellationToken);
        return bytes is null ? null : JsonSerializer.Deserialize<WorshipPosition>(bytes);
    }

    public async Task<WorshipSlideMessage> UpdateAsync(
        Guid setListId, Func<WorshipPosition, WorshipPosition> change, IReadOnlyList<WorshipDeckItem> deck, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(setListId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = await GetAsync(setListId, cancellationToken) ?? new WorshipPosition(0, 0, false, 0, DateTimeOffset.UnixEpoch);
            var next = change(current) with { Version = current.Version + 1, ChangedAt = clock.GetUtcNow() };
            if (_cache is null)
            {
                _local[setListId] = next;
            }
            else
            {
                await _cache.SetAsync(Key(setListId), JsonSerializer.SerializeToUtf8Bytes(next), Entry, cancellationToken);
            }

            return WorshipDeck.Message(setListId, deck, next);
        }
        finally
        {
            gate.Release();
        }
    }
}
