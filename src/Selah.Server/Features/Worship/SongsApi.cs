using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Accounts;
using Selah.Contracts.Catalog;
using Selah.Contracts.Worship;
using Selah.Server.Features.Catalog;
using Selah.Server.Features.Worship.ChordPro;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Worship;

/// <summary>
/// Songs and their arrangements. Signed-in members read; worship leaders create; the creator, moderators and admins edit
/// and delete (others get 403). Rendered sheets come transposed, with a capo or as Nashville numbers, as JSON or PDF.
/// </summary>
public static class SongsApi
{
    private static readonly string[] Sorts = ["title", "newest"];
    private static readonly string[] Views = ["chords", "nashville", "lyrics"];

    public static IEndpointRouteBuilder MapSongsApi(this IEndpointRouteBuilder app)
    {
        var songs = WorshipExtensions.Group(app, "/api/v1/songs").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        songs.MapGet("/", ListAsync).WithName("ListSongs").WithSummary("Songs by title or newest, with search and keyset paging.");
        songs.MapGet("/{id:guid}", GetAsync).WithName("GetSong").WithSummary("One song with its arrangements and linked tracks.");
        songs.MapGet("/{id:guid}/arrangements/{arrangementId:guid}", RenderAsync).WithName("GetArrangementSheet")
            .WithSummary("The arrangement rendered as sections of chord/lyric segments, in a key, with a capo or as Nashville numbers.");
        songs.MapGet("/{id:guid}/arrangements/{arrangementId:guid}/source", GetSourceAsync).WithName("GetArrangementSource")
            .WithSummary("The arrangement with its ChordPro text.");
        songs.MapGet("/{id:guid}/arrangements/{arrangementId:guid}/pdf", PdfAsync).WithName("GetArrangementPdf")
            .WithSummary("A printable PDF of the sheet (chords above lyrics).").Produces(StatusCodes.Status200OK, contentType: "application/pdf");

        var edits = WorshipExtensions.Group(app, "/api/v1/songs").RequireAuthorization(WorshipExtensions.WorshipLeaderPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        edits.MapPost("/", CreateAsync).WithName("CreateSong").WithSummary("Creates a song.");
        edits.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateSong").WithSummary("Replaces a song's details.");
        edits.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSong").WithSummary("Deletes a song and its arrangements.");
        edits.MapPost("/{id:guid}/arrangements", AddArrangementAsync).WithName("AddArrangement").WithSummary("Adds an arrangement.");
        edits.MapPut("/{id:guid}/arrangements/{arrangementId:guid}", UpdateArrangementAsync).WithName("UpdateArrangement")
            .WithSummary("Replaces an arrangement.");
        edits.MapDelete("/{id:guid}/arrangements/{arrangementId:guid}", DeleteArrangementAsync).WithName("DeleteArrangement")
            .WithSummary("Deletes an arrangement.");
        return app;
    }

    public static async Task<Results<Ok<CatalogPage<SongSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] SongListQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (!CatalogQueries.TryLimit(query.Limit, out var limit))
        {
            return Problems.Field("limit", CatalogQueries.LimitMessage);
        }

        var sort = (query.Sort ?? "title").Trim().ToLowerInvariant();
        if (!Sorts.Contains(sort))
        {
            return Problems.Field("sort", "Sort must be title or newest.");
        }

        var songs = db.Songs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            if (query.Q.Length > 200)
            {
                return Problems.Field("q", "Search text must be at most 200 characters.");
            }

            var text = query.Q.Trim().ToUpperInvariant();
            songs = songs.Where(s => s.SearchText.Contains(text));
        }

        if (!string.IsNullOrWhiteSpace(query.Theme))
        {
            var theme = query.Theme.Trim();
            songs = songs.Where(s => s.Themes.Contains(theme));
        }

        if (!string.IsNullOrEmpty(query.Cursor))
        {
            if (!CatalogCursor.TryDecode(query.Cursor, sort, out var cursor))
            {
                return Problems.Field("cursor", CatalogQueries.CursorMessage);
            }

            var (title, id) = (cursor.Key, cursor.Id);
            songs = sort == "title"
                ? songs.Where(s => string.Compare(s.Title, title) > 0 || (s.Title == title && s.Id.CompareTo(id) > 0))
                : songs.Where(s => s.Id.CompareTo(id) < 0);
        }

        songs = sort == "title" ? songs.OrderBy(s => s.Title).ThenBy(s => s.Id) : songs.OrderByDescending(s => s.Id);
        var rows = await songs.Take(limit + 1)
            .Select(s => new { s.Id, s.Title, s.Authors, s.CcliNumber, s.Themes, Key = s.Arrangements.OrderBy(a => a.CreatedAt).Select(a => a.Key).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(r => new SongSummary(r.Id, r.Title, r.Authors, r.CcliNumber, r.Themes, r.Key)).ToList();
        var next = rows.Count > limit
            ? (sort == "title" ? CatalogCursor.For(sort, page[^1].Title, page[^1].Id) : CatalogCursor.For(sort, page[^1].Id)).Encode()
            : null;
        return TypedResults.Ok(new CatalogPage<SongSummary>(page, next));
    }

    public static async Task<Results<Ok<SongResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var song = await LoadAsync(db, id, cancellationToken);
        return song is null ? Problems.NotFound("The song") : TypedResults.Ok(await ToResponseAsync(db, song, user, cancellationToken));
    }

    public static async Task<Results<Created<SongResponse>, ValidationProblem>> CreateAsync(
        SongRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var song = new Song { Id = Guid.CreateVersion7(now), Title = "", CreatedById = user.GetUserId(), CreatedAt = now };
        if (await ApplyAsync(song, request, user, db, now, cancellationToken) is { } problem)
        {
            return problem;
        }

        db.Songs.Add(song);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/songs/{song.Id}", await ToResponseAsync(db, song, user, cancellationToken));
    }

    public static async Task<Results<Ok<SongResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, SongRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var song = await db.Songs.Include(s => s.Tracks).Include(s => s.Arrangements).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (song is null)
        {
            return Problems.NotFound("The song");
        }

        if (!CanEdit(song, user))
        {
            return NotYours();
        }

        if (await ApplyAsync(song, request, user, db, clock.GetUtcNow(), cancellationToken) is { } problem)
        {
            return problem;
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ToResponseAsync(db, song, user, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var song = await db.Songs.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (song is null)
        {
            return Problems.NotFound("The song");
        }

        if (!CanEdit(song, user))
        {
            return NotYours();
        }

        db.Songs.Remove(song);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> AddArrangementAsync(
        Guid id, ArrangementRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var song = await db.Songs.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (song is null)
        {
            return Problems.NotFound("The song");
        }

        if (!CanEdit(song, user))
        {
            return NotYours();
        }

        var now = clock.GetUtcNow();
        var arrangement = new SongArrangement { Id = Guid.CreateVersion7(now), SongId = id, Name = "", ChordPro = "", CreatedAt = now };
        if (Apply(arrangement, request, now) is { } problem)
        {
            return problem;
        }

        song.UpdatedAt = now;
        db.SongArrangements.Add(arrangement);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/songs/{id}/arrangements/{arrangement.Id}", ToResponse(arrangement));
    }

    public static async Task<Results<Ok<ArrangementResponse>, ValidationProblem, ProblemHttpResult>> UpdateArrangementAsync(
        Guid id, Guid arrangementId, ArrangementRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var arrangement = await db.SongArrangements.Include(a => a.Song)
            .SingleOrDefaultAsync(a => a.Id == arrangementId && a.SongId == id, cancellationToken);
        if (arrangement?.Song is null)
        {
            return Problems.NotFound("The arrangement");
        }

        if (!CanEdit(arrangement.Song, user))
        {
            return NotYours();
        }

        var now = clock.GetUtcNow();
        if (Apply(arrangement, request, now) is { } problem)
        {
            return problem;
        }

        arrangement.Song.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(arrangement));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteArrangementAsync(
        Guid id, Guid arrangementId, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var arrangement = await db.SongArrangements.Include(a => a.Song)
            .SingleOrDefaultAsync(a => a.Id == arrangementId && a.SongId == id, cancellationToken);
        if (arrangement?.Song is null)
        {
            return Problems.NotFound("The arrangement");
        }

        if (!CanEdit(arrangement.Song, user))
        {
            return NotYours();
        }

        db.SongArrangements.Remove(arrangement);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ArrangementResponse>, ProblemHttpResult>> GetSourceAsync(
        Guid id, Guid arrangementId, SelahDbContext db, CancellationToken cancellationToken)
    {
        var arrangement = await db.SongArrangements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == arrangementId && a.SongId == id, cancellationToken);
        return arrangement is null ? Problems.NotFound("The arrangement") : TypedResults.Ok(ToResponse(arrangement));
    }

    public static async Task<Results<Ok<RenderedSheetResponse>, ValidationProblem, ProblemHttpResult>> RenderAsync(
        Guid id, Guid arrangementId, [AsParameters] SheetQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        var arrangement = await db.SongArrangements.AsNoTracking().SingleOrDefaultAsync(a => a.Id == arrangementId && a.SongId == id, cancellationToken);
        if (arrangement is null)
        {
            return Problems.NotFound("The arrangement");
        }

        return TryRender(arrangement, query, out var rendered, out var problem) ? TypedResults.Ok(rendered) : problem;
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> PdfAsync(
        Guid id, Guid arrangementId, [AsParameters] SheetQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        var arrangement = await db.SongArrangements.AsNoTracking().Include(a => a.Song)
            .SingleOrDefaultAsync(a => a.Id == arrangementId && a.SongId == id, cancellationToken);
        if (arrangement?.Song is null)
        {
            return Problems.NotFound("The arrangement");
        }

        if (!TryRender(arrangement, query, out var rendered, out var problem))
        {
            return problem;
        }

        var song = arrangement.Song;
        var footer = string.Join(" · ", new[] { string.Join(", ", song.Authors), song.Copyright, song.CcliNumber is null ? null : $"CCLI {song.CcliNumber}" }
            .Where(s => !string.IsNullOrWhiteSpace(s)));
        var pdf = SheetPdf.Render(rendered with { Title = rendered.Title ?? song.Title }, footer);
        var name = new string(song.Title.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        return TypedResults.File(pdf, "application/pdf", $"{(name.Length == 0 ? "song" : name)}-{rendered.Key ?? "sheet"}.pdf");
    }

    /// <summary>Renders an arrangement for a query: transposed to the key, shapes for the capo, numbers or lyrics only.</summary>
    internal static bool TryRender(SongArrangement arrangement, SheetQuery query, out RenderedSheetResponse rendered, out ValidationProblem problem)
    {
        rendered = null!;
        problem = null!;
        var view = (query.View ?? "chords").Trim().ToLowerInvariant();
        if (!Views.Contains(view))
        {
            problem = Problems.Field("view", "View must be chords, nashville or lyrics.");
            return false;
        }

        var capo = query.Capo ?? 0;
        if (capo is < 0 or > 11)
        {
            problem = Problems.Field("capo", "Capo must be between 0 and 11.");
            return false;
        }

        MusicKey? target = null;
        if (!string.IsNullOrWhiteSpace(query.Key))
        {
            if (query.Key.Length > 8 || !MusicKey.TryParse(query.Key, out var key))
            {
                problem = Problems.Field("key", "Key must be a key such as G, Bb or F#m.");
                return false;
            }

            target = key;
        }

        var sheet = ChordProParser.Parse(arrangement.ChordPro);
        if (!sheet.IsValid)
        {
            problem = ChordsApi.ChordProProblem(sheet); // stored sheets are validated on save; this guards older rows
            return false;
        }

        var (sounding, soundingKey) = target is null ? (sheet, sheet.Key) : ChordTransposer.Transpose(sheet, 0, target);
        var (shown, shapeKey) = view == "chords" && capo > 0 ? ChordTransposer.CapoShapes(sounding, capo) : (sounding, soundingKey);
        rendered = SheetRenderer.Render(shown, soundingKey, capo, shapeKey, view) with
        {
            Tempo = sheet.Tempo ?? arrangement.Tempo?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Time = sheet.Time ?? arrangement.TimeSignature,
        };
        return true;
    }

    internal static bool CanEdit(Song song, ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Moderator) || (WorshipExtensions.CanWrite(user) && user.TryGetUserId() == song.CreatedById);

    private static ProblemHttpResult NotYours() =>
        Problems.Forbidden("forbidden", "Only the song's author, moderators and administrators may change it.");

    private static async Task<ValidationProblem?> ApplyAsync(
        Song song, SongRequest request, ClaimsPrincipal user, SelahDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var title = request.Title.Trim();
        if (title.Length == 0)
        {
            return Problems.Field("title", "Title is required.");
        }

        var authors = Clean(request.Authors);
        if (authors.Any(a => a.Length > 120))
        {
            return Problems.Field("authors", "Each author must be at most 120 characters.");
        }

        var themes = Clean(request.Themes);
        if (themes.Any(t => t.Length > 60))
        {
            return Problems.Field("themes", "Each theme must be at most 60 characters.");
        }

        var references = Clean(request.ScriptureReferences);
        if (references.FirstOrDefault(r => r.Length > 60 || !OsisReferences.IsValid(r)) is { } bad)
        {
            return Problems.Field("scriptureReferences", $"'{bad}' is not an OSIS reference such as Ps.23 or Rom.8.28-Rom.8.39.");
        }

        var trackIds = (request.TrackIds ?? []).Distinct().ToList();
        if (trackIds.Count > 0)
        {
            var visible = await CatalogQueries.VisibleTracks(db, user).Where(t => trackIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
            if (trackIds.FirstOrDefault(t => !visible.Contains(t)) is var missing && missing != Guid.Empty)
            {
                return Problems.Field("trackIds", $"Track {missing} was not found.");
            }
        }

        song.Title = title;
        song.Authors = authors;
        song.Copyright = string.IsNullOrWhiteSpace(request.Copyright) ? null : request.Copyright.Trim();
        song.CcliNumber = string.IsNullOrWhiteSpace(request.CcliNumber) ? null : request.CcliNumber;
        song.Themes = themes;
        song.ScriptureReferences = references;
        song.SearchText = string.Join('\n', authors.Prepend(title)).ToUpperInvariant();
        song.UpdatedAt = now;
        if (request.TrackIds is not null)
        {
            // Links to tracks the caller cannot see (someone else's drafts) are kept: they are not theirs to remove.
            var hidden = song.Tracks.Count == 0 ? [] : await HiddenLinksAsync(db, song, user, cancellationToken);
            song.Tracks.RemoveAll(t => !trackIds.Contains(t.TrackId) && !hidden.Contains(t.TrackId));
            foreach (var trackId in trackIds.Where(t => song.Tracks.All(x => x.TrackId != t)))
            {
                song.Tracks.Add(new SongTrack { SongId = song.Id, TrackId = trackId });
            }
        }

        return null;
    }

    private static async Task<List<Guid>> HiddenLinksAsync(SelahDbContext db, Song song, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var linked = song.Tracks.Select(t => t.TrackId).ToList();
        var visible = await CatalogQueries.VisibleTracks(db, user).Where(t => linked.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        return linked.Except(visible).ToList();
    }

    private static ValidationProblem? Apply(SongArrangement arrangement, ArrangementRequest request, DateTimeOffset now)
    {
        var name = request.Name.Trim();
        if (name.Length == 0)
        {
            return Problems.Field("name", "Name is required.");
        }

        if (request.ChordPro.Length > WorshipLimits.ChordProMaxLength)
        {
            return Problems.Field("chordPro", $"line 1: the sheet is longer than {WorshipLimits.ChordProMaxLength} characters");
        }

        var sheet = ChordProParser.Parse(request.ChordPro);
        if (!sheet.IsValid)
        {
            return ChordsApi.ChordProProblem(sheet);
        }

        MusicKey? key = sheet.Key;
        if (!string.IsNullOrWhiteSpace(request.Key))
        {
            if (!MusicKey.TryParse(request.Key, out var given))
            {
                return Problems.Field("key", "Key must be a key such as G, Bb or F#m.");
            }

            key = given;
        }

        var (tokens, unknown) = SheetRenderer.CheckSequence(request.Sequence, SheetRenderer.Codes(sheet));
        if (unknown.Count > 0)
        {
            var codes = SheetRenderer.Codes(sheet);
            return Problems.Field("sequence", $"{string.Join(", ", unknown)} {(unknown.Count == 1 ? "names" : "name")} no section of the sheet; it has {(codes.Count == 0 ? "no labelled sections" : string.Join(", ", codes))}.");
        }

        arrangement.Name = name;
        arrangement.ChordPro = request.ChordPro;
        arrangement.Key = key?.ToString();
        arrangement.Tempo = request.Tempo;
        arrangement.TimeSignature = request.TimeSignature;
        arrangement.Sequence = [.. tokens.Select(t => t.ToUpperInvariant())];
        arrangement.UpdatedAt = now;
        return null;
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        (values ?? []).Select(v => (v ?? "").Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static Task<Song?> LoadAsync(SelahDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Songs.AsNoTracking().Include(s => s.Arrangements).Include(s => s.Tracks).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);

    private static async Task<SongResponse> ToResponseAsync(SelahDbContext db, Song song, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var linked = song.Tracks.Select(t => t.TrackId).ToList();
        var tracks = linked.Count == 0
            ? []
            : await CatalogQueries.VisibleTracks(db, user).Where(t => linked.Contains(t.Id))
                .Select(t => new LinkedTrack(t.Id, t.Title, t.Artist.Name)).ToListAsync(cancellationToken);
        return new SongResponse(
            song.Id, song.Title, song.Authors, song.Copyright, song.CcliNumber, song.Themes, song.ScriptureReferences,
            tracks.OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase).ToList(),
            song.Arrangements.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
                .Select(a => new ArrangementSummary(a.Id, a.Name, a.Key, a.Tempo, a.TimeSignature, a.Sequence)).ToList(),
            song.CreatedById, CanEdit(song, user), song.CreatedAt, song.UpdatedAt);
    }

    internal static ArrangementResponse ToResponse(SongArrangement a)
    {
        var sheet = ChordProParser.Parse(a.ChordPro);
        return new ArrangementResponse(a.Id, a.SongId, a.Name, a.ChordPro, a.Key, a.Tempo, a.TimeSignature, a.Sequence, SheetRenderer.Codes(sheet), a.UpdatedAt);
    }
}
