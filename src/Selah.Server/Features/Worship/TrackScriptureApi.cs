using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Worship;
using Selah.Server.Features.Bible;
using Selah.Server.Features.Catalog;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Worship;

/// <summary>
/// <c>GET /api/v1/tracks/{id}/scripture</c>: what the player shows beside a track — its own scripture references and those
/// of the songs linked to it, and the verses its synced lyrics tie to lines (<c>[bible:Ps.23.1]</c> after a timed line, see
/// <see cref="SyncedLyrics"/>), each with its text in a translation.
/// </summary>
public static class TrackScriptureApi
{
    /// <summary>Verses of text shown per passage; a longer passage ends with an ellipsis and links to the reader.</summary>
    public const int MaxVerses = 8;

    /// <summary>Passages looked up per track (a track with many linked songs is cut here).</summary>
    public const int MaxPassages = 40;

    public static IEndpointRouteBuilder MapTrackScriptureApi(this IEndpointRouteBuilder app)
    {
        WorshipExtensions.Group(app, "/api/v1/tracks").RequireAuthorization().ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapGet("/{id:guid}/scripture", GetAsync).WithName("GetTrackScripture")
            .WithSummary("Scripture of a track's linked songs and the verses tied to its synced lyric lines, with their text.");
        return app;
    }

    public static async Task<Results<Ok<TrackScriptureResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid id, string? translation, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (translation is { Length: > 16 })
        {
            return Problems.Field("translation", "Translation must be an id such as kjv or web.");
        }

        var track = await CatalogQueries.VisibleTracks(db, user).Where(t => t.Id == id)
            .Select(t => new { t.Id, t.SyncedLyrics, t.ScriptureReferences }).SingleOrDefaultAsync(cancellationToken);
        if (track is null)
        {
            return Problems.NotFound("The track");
        }

        var chosen = await ChooseTranslationAsync(db, translation, user, cancellationToken);
        if (chosen is null && !string.IsNullOrWhiteSpace(translation))
        {
            return Problems.NotFound("The translation");
        }

        var songs = await db.Songs.AsNoTracking().Where(s => s.Tracks.Any(t => t.TrackId == id)).OrderBy(s => s.Title)
            .Select(s => new { s.Id, s.Title, s.ScriptureReferences }).ToListAsync(cancellationToken);
        var cues = SyncedLyrics.VerseCues(track.SyncedLyrics);
        var references = track.ScriptureReferences.Concat(songs.SelectMany(s => s.ScriptureReferences)).Concat(cues.Select(c => c.Osis))
            .Distinct(StringComparer.Ordinal).Take(MaxPassages).ToList();
        var passages = new List<TrackScripturePassage>(references.Count);
        foreach (var osis in references)
        {
            passages.Add(await PassageAsync(db, chosen, osis, cancellationToken));
        }

        return TypedResults.Ok(new TrackScriptureResponse(
            id, chosen, track.ScriptureReferences, songs.Select(s => new TrackScriptureSong(s.Id, s.Title, s.ScriptureReferences)).ToList(), passages,
            cues.Select(c => new ScriptureCue(c.Time, c.Line, c.Osis)).ToList()));
    }

    private static async Task<string?> ChooseTranslationAsync(SelahDbContext db, string? wanted, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var available = await db.BibleTranslations.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(wanted))
        {
            var key = wanted.Trim().ToLowerInvariant();
            return available.Contains(key) ? key : null;
        }

        var me = user.TryGetUserId();
        var preferred = me is null ? null : await db.Users.Where(u => u.Id == me).Select(u => u.PreferredTranslation).SingleOrDefaultAsync(cancellationToken);
        return new[] { preferred?.ToLowerInvariant(), "kjv" }.FirstOrDefault(t => t is not null && available.Contains(t)) ?? available.Order(StringComparer.Ordinal).FirstOrDefault();
    }

    private static async Task<TrackScripturePassage> PassageAsync(SelahDbContext db, string? translation, string osis, CancellationToken cancellationToken)
    {
        if (BiblePassage.TryParse(osis, out var parsed) != PassageError.None || parsed is null)
        {
            return new TrackScripturePassage(osis, osis, null, false);
        }

        if (translation is null)
        {
            return new TrackScripturePassage(parsed.Osis, parsed.Reference, null, false);
        }

        var verses = (await BibleApi.LoadAsync(db, translation, parsed.Start, parsed.End, cancellationToken)).Where(v => v.Verse > 0).ToList();
        var shown = verses.Take(MaxVerses).Select(v => verses.Count > 1 ? $"{v.Verse} {v.Text}" : v.Text);
        return new TrackScripturePassage(parsed.Osis, parsed.Reference, verses.Count == 0 ? null : string.Join(" ", shown), verses.Count > MaxVerses);
    }
}
