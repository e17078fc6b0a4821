using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Bible;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Bible;

/// <summary>
/// The signed-in user's highlights, bookmarks and private notes on verses. Every query is filtered by the caller's id, so
/// another user's note answers 404 exactly like a missing one.
/// </summary>
public static class BibleAnnotationsApi
{
    private const string VerseMessage = "Verse must be a single OSIS verse such as John.3.16.";
    private const string ChapterMessage = "Chapter must be an OSIS chapter such as John.3.";

    public static RouteGroupBuilder MapBibleAnnotations(this RouteGroupBuilder me)
    {
        me.MapGet("/annotations/{chapter}", GetChapterAsync).WithName("GetBibleChapterAnnotations")
            .WithSummary("My highlights, bookmarks and notes in a chapter (OSIS, e.g. John.3).");
        me.MapGet("/highlights", ListHighlightsAsync).WithName("ListBibleHighlights").WithSummary("My highlights, newest first.");
        me.MapPut("/highlights/{verse}", SetHighlightAsync).WithName("SetBibleHighlight").WithSummary("Highlights a verse (or changes its colour).");
        me.MapDelete("/highlights/{verse}", DeleteHighlightAsync).WithName("DeleteBibleHighlight").WithSummary("Removes a highlight.");
        me.MapGet("/bookmarks", ListBookmarksAsync).WithName("ListBibleBookmarks").WithSummary("My bookmarks, newest first.");
        me.MapPut("/bookmarks/{verse}", SetBookmarkAsync).WithName("SetBibleBookmark").WithSummary("Bookmarks a verse.");
        me.MapDelete("/bookmarks/{verse}", DeleteBookmarkAsync).WithName("DeleteBibleBookmark").WithSummary("Removes a bookmark.");
        me.MapGet("/notes", ListNotesAsync).WithName("ListBibleNotes").WithSummary("My notes, newest first.");
        me.MapPost("/notes", CreateNoteAsync).WithName("CreateBibleNote").WithSummary("Adds a private note to a verse.");
        me.MapGet("/notes/{id:guid}", GetNoteAsync).WithName("GetBibleNote").WithSummary("One of my notes.");
        me.MapPut("/notes/{id:guid}", UpdateNoteAsync).WithName("UpdateBibleNote").WithSummary("Changes one of my notes.");
        me.MapDelete("/notes/{id:guid}", DeleteNoteAsync).WithName("DeleteBibleNote").WithSummary("Deletes one of my notes.");
        return me;
    }

    public static async Task<Results<Ok<ChapterAnnotationsResponse>, ValidationProblem>> GetChapterAsync(
        string chapter, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (BiblePassage.TryParse(chapter, out var passage) != PassageError.None || !passage!.WholeChapters || passage.Start.Chapter != passage.End.Chapter
            || passage.Start.Book != passage.End.Book)
        {
            return Problems.Field("chapter", ChapterMessage);
        }

        var me = user.GetUserId();
        var (book, number) = (passage.Start.Book, passage.Start.Chapter);
        var highlights = await db.BibleHighlights.AsNoTracking().Where(h => h.UserId == me && h.Book == book && h.Chapter == number)
            .OrderBy(h => h.Verse).ToListAsync(cancellationToken);
        var bookmarks = await db.BibleBookmarks.AsNoTracking().Where(b => b.UserId == me && b.Book == book && b.Chapter == number)
            .OrderBy(b => b.Verse).ToListAsync(cancellationToken);
        var notes = await db.BibleNotes.AsNoTracking().Where(n => n.UserId == me && n.Book == book && n.Chapter == number)
            .OrderBy(n => n.Verse).ThenBy(n => n.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ChapterAnnotationsResponse(highlights.Select(ToResponse).ToList(), bookmarks.Select(ToResponse).ToList(),
            notes.Select(ToResponse).ToList()));
    }

    public static async Task<Ok<IReadOnlyList<HighlightResponse>>> ListHighlightsAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var rows = await db.BibleHighlights.AsNoTracking().Where(h => h.UserId == me).ToListAsync(cancellationToken);
        IReadOnlyList<HighlightResponse> list = rows.OrderByDescending(h => h.UpdatedAt).Take(1000).Select(ToResponse).ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<HighlightResponse>, ValidationProblem>> SetHighlightAsync(
        string verse, HighlightRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ParseVerse(verse) is not { } position)
        {
            return Problems.Field("verse", VerseMessage);
        }

        var me = user.GetUserId();
        var highlight = await db.BibleHighlights.SingleOrDefaultAsync(
            h => h.UserId == me && h.Book == position.Book && h.Chapter == position.Chapter && h.Verse == position.Verse, cancellationToken);
        if (highlight is null)
        {
            highlight = new BibleHighlight
            {
                Id = Guid.CreateVersion7(), UserId = me, Book = position.Book, Chapter = position.Chapter, Verse = position.Verse, Color = request.Color!,
            };
            db.BibleHighlights.Add(highlight);
        }

        highlight.Color = request.Color!;
        highlight.UpdatedAt = clock.GetUtcNow();
        if (!await TrySaveAsync(db, cancellationToken))
        {
            // A concurrent request highlighted the same verse first: take its row.
            db.ChangeTracker.Clear();
            highlight = await db.BibleHighlights.SingleAsync(
                h => h.UserId == me && h.Book == position.Book && h.Chapter == position.Chapter && h.Verse == position.Verse, cancellationToken);
            highlight.Color = request.Color!;
            highlight.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(ToResponse(highlight));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteHighlightAsync(
        string verse, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (ParseVerse(verse) is not { } position)
        {
            return Problems.Field("verse", VerseMessage);
        }

        var me = user.GetUserId();
        var deleted = await db.BibleHighlights.Where(h => h.UserId == me && h.Book == position.Book && h.Chapter == position.Chapter && h.Verse == position.Verse)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("The highlight") : TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<BookmarkResponse>>> ListBookmarksAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var rows = await db.BibleBookmarks.AsNoTracking().Where(b => b.UserId == me).ToListAsync(cancellationToken);
        IReadOnlyList<BookmarkResponse> list = rows.OrderByDescending(b => b.CreatedAt).Take(1000).Select(ToResponse).ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<BookmarkResponse>, ValidationProblem, ProblemHttpResult>> SetBookmarkAsync(
        string verse, BookmarkRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ParseVerse(verse) is not { } position)
        {
            return Problems.Field("verse", VerseMessage);
        }

        string? translation = null;
        if (request.Translation is { Length: > 0 })
        {
            translation = (await BibleApi.FindTranslationAsync(db, request.Translation, cancellationToken))?.Id;
            if (translation is null)
            {
                return Problems.Field("translation", "Translation must be an imported translation id such as kjv.");
            }
        }

        var me = user.GetUserId();
        var bookmark = await db.BibleBookmarks.SingleOrDefaultAsync(
            b => b.UserId == me && b.Book == position.Book && b.Chapter == position.Chapter && b.Verse == position.Verse, cancellationToken);
        if (bookmark is null)
        {
            bookmark = new BibleBookmark
            {
                Id = Guid.CreateVersion7(), UserId = me, Book = position.Book, Chapter = position.Chapter, Verse = position.Verse,
                CreatedAt = clock.GetUtcNow(),
            };
            db.BibleBookmarks.Add(bookmark);
        }

        bookmark.TranslationId = translation ?? bookmark.TranslationId;
        if (!await TrySaveAsync(db, cancellationToken))
        {
            db.ChangeTracker.Clear();
            bookmark = await db.BibleBookmarks.AsNoTracking().SingleAsync(
                b => b.UserId == me && b.Book == position.Book && b.Chapter == position.Chapter && b.Verse == position.Verse, cancellationToken);
        }

        return TypedResults.Ok(ToResponse(bookmark));
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteBookmarkAsync(
        string verse, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (ParseVerse(verse) is not { } position)
        {
            return Problems.Field("verse", VerseMessage);
        }

        var me = user.GetUserId();
        var deleted = await db.BibleBookmarks.Where(b => b.UserId == me && b.Book == position.Book && b.Chapter == position.Chapter && b.Verse == position.Verse)
            .ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("The bookmark") : TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<NoteResponse>>> ListNotesAsync(ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var rows = await db.BibleNotes.AsNoTracking().Where(n => n.UserId == me).OrderByDescending(n => n.Id).Take(1000).ToListAsync(cancellationToken);
        IReadOnlyList<NoteResponse> list = rows.Select(ToResponse).ToList();
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Created<NoteResponse>, ValidationProblem>> CreateNoteAsync(
        CreateNoteRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ParseVerse(request.Verse!) is not { } position)
        {
            return Problems.Field("verse", VerseMessage);
        }

        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Problems.Field("text", "The note must not be empty.");
        }

        var now = clock.GetUtcNow();
        var note = new BibleNote
        {
            Id = Guid.CreateVersion7(), UserId = user.GetUserId(), Book = position.Book, Chapter = position.Chapter, Verse = position.Verse,
            Text = request.Text.Trim(), CreatedAt = now, UpdatedAt = now,
        };
        db.BibleNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/me/bible/notes/{note.Id}", ToResponse(note));
    }

    public static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> GetNoteAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var note = await db.BibleNotes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.UserId == me, cancellationToken);
        return note is null ? Problems.NotFound("The note") : TypedResults.Ok(ToResponse(note));
    }

    public static async Task<Results<Ok<NoteResponse>, ValidationProblem, ProblemHttpResult>> UpdateNoteAsync(
        Guid id, UpdateNoteRequest request, ClaimsPrincipal user, SelahDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return Problems.Field("text", "The note must not be empty.");
        }

        var me = user.GetUserId();
        var note = await db.BibleNotes.SingleOrDefaultAsync(n => n.Id == id && n.UserId == me, cancellationToken);
        if (note is null)
        {
            return Problems.NotFound("The note");
        }

        note.Text = request.Text.Trim();
        note.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(note));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteNoteAsync(
        Guid id, ClaimsPrincipal user, SelahDbContext db, CancellationToken cancellationToken)
    {
        var me = user.GetUserId();
        var deleted = await db.BibleNotes.Where(n => n.Id == id && n.UserId == me).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? Problems.NotFound("The note") : TypedResults.NoContent();
    }

    /// <summary>A single existing verse (KJV versification), or null.</summary>
    internal static VersePosition? ParseVerse(string text) =>
        BiblePassage.TryParse(text, out var passage) == PassageError.None && !passage!.WholeChapters && passage.Start == passage.End
            && BibleBooks.ByNumber(passage.Start.Book).HasVerse(passage.Start.Chapter, passage.Start.Verse)
            ? passage.Start
            : null;

    private static async Task<bool> TrySaveAsync(SelahDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
        }
    }

    private static HighlightResponse ToResponse(BibleHighlight h) => new(new VersePosition(h.Book, h.Chapter, h.Verse).Osis, h.Color, h.UpdatedAt);

    private static BookmarkResponse ToResponse(BibleBookmark b)
    {
        var position = new VersePosition(b.Book, b.Chapter, b.Verse);
        return new BookmarkResponse(position.Osis, position.Reference, b.TranslationId, b.CreatedAt);
    }

    private static NoteResponse ToResponse(BibleNote n)
    {
        var position = new VersePosition(n.Book, n.Chapter, n.Verse);
        return new NoteResponse(n.Id, position.Osis, position.Reference, n.Text, n.CreatedAt, n.UpdatedAt);
    }
}
