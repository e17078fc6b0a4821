using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Selah.Contracts.Bible;
using Selah.Server.Infrastructure.Data;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Bible;

/// <summary>Public Bible reads: translations, books and chapters, passages, search.</summary>
public static class BibleApi
{
    public const string PassageMessage =
        "Passage must be an OSIS reference or range such as John.3.16, Ps.23 or John.3.16-John.3.18 (at most 10 chapters).";

    public static RouteGroupBuilder MapBibleReads(this RouteGroupBuilder bible)
    {
        bible.MapGet("/translations", ListTranslationsAsync).WithName("ListBibleTranslations").WithSummary("Imported translations.");
        bible.MapGet("/{translation}/books", ListBooksAsync).WithName("ListBibleBooks")
            .WithSummary("The books of a translation with their chapters and verse counts.");
        bible.MapGet("/{translation}/books/{book}", GetBookAsync).WithName("GetBibleBook")
            .WithSummary("Every chapter of one book, each as the chapter endpoint answers it (offline download). Sends an ETag; If-None-Match gives 304.");
        bible.MapGet("/{translation}/search", SearchAsync).WithName("SearchBible")
            .WithSummary("Ranked full-text search in a translation; a reference typed as the query is returned as `reference`.");
        bible.MapGet("/{translation}/{passage}", GetPassageAsync).WithName("GetBiblePassage")
            .WithSummary("A chapter, verse or range (OSIS) with headings, words of Christ and chapter navigation.");
        return bible;
    }

    public static async Task<Ok<IReadOnlyList<BibleTranslationResponse>>> ListTranslationsAsync(SelahDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.BibleTranslations.AsNoTracking().ToListAsync(cancellationToken);
        var order = SwordTranslations.All.Select(t => t.Id).ToList();
        IReadOnlyList<BibleTranslationResponse> translations = rows
            .OrderBy(t => order.IndexOf(t.Id) is var i && i < 0 ? int.MaxValue : i).ThenBy(t => t.Id)
            .Select(t => new BibleTranslationResponse(t.Id, t.Name, t.Abbreviation, t.Language, t.VerseCount)).ToList();
        return TypedResults.Ok(translations);
    }

    public static async Task<Results<Ok<IReadOnlyList<BibleBookResponse>>, ProblemHttpResult>> ListBooksAsync(
        string translation, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (await FindTranslationAsync(db, translation, cancellationToken) is not { } found)
        {
            return Problems.NotFound("The translation");
        }

        var chapters = await db.BibleVerses.AsNoTracking().Where(v => v.TranslationId == found.Id)
            .GroupBy(v => new { v.Book, v.Chapter })
            .Select(g => new { g.Key.Book, g.Key.Chapter, Verses = g.Max(v => v.Verse) })
            .ToListAsync(cancellationToken);
        var byBook = chapters.GroupBy(c => c.Book).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Chapter).ToList());
        IReadOnlyList<BibleBookResponse> books = BibleBooks.All.Where(b => byBook.ContainsKey(b.Number))
            .Select(b => new BibleBookResponse(b.OsisId, b.Name, b.Testament == Testament.Old ? "old" : "new", b.Number,
                byBook[b.Number].Select(c => new BibleChapterResponse(c.Chapter, c.Verses, $"{b.OsisId}.{c.Chapter}")).ToList()))
            .ToList();
        return TypedResults.Ok(books);
    }

    public static async Task<Results<Ok<BiblePassageResponse>, ValidationProblem, ProblemHttpResult>> GetPassageAsync(
        string translation, string passage, SelahDbContext db, CancellationToken cancellationToken)
    {
        var error = BiblePassage.TryParse(passage, out var parsed);
        if (error == PassageError.Malformed || error == PassageError.TooLong)
        {
            return Problems.Field("passage", PassageMessage);
        }

        if (await FindTranslationAsync(db, translation, cancellationToken) is not { } found)
        {
            return Problems.NotFound("The translation");
        }

        if (error == PassageError.UnknownBook)
        {
            return Problems.NotFound("The book");
        }

        if (error == PassageError.UnknownChapter)
        {
            return Problems.NotFound("The chapter");
        }

        var verses = await LoadAsync(db, found.Id, parsed!.Start, parsed.End, cancellationToken);
        if (verses.Count == 0)
        {
            return Problems.NotFound("The passage");
        }

        var previous = BibleBooks.PreviousChapter(parsed.StartBook, parsed.Start.Chapter);
        var next = BibleBooks.NextChapter(parsed.EndBook, parsed.End.Chapter);
        return TypedResults.Ok(new BiblePassageResponse(found.Id, parsed.Osis, parsed.Reference, verses.Select(ToResponse).ToList(),
            previous is { } p ? Link(p.Book, p.Chapter) : null, next is { } n ? Link(n.Book, n.Chapter) : null));
    }

    public static async Task<Results<Ok<BibleBookTextResponse>, StatusCodeHttpResult, ProblemHttpResult>> GetBookAsync(
        string translation, string book, HttpContext http, SelahDbContext db, CancellationToken cancellationToken)
    {
        if (await FindTranslationAsync(db, translation, cancellationToken) is not { } found)
        {
            return Problems.NotFound("The translation");
        }

        if (!BibleBooks.TryGetIgnoreCase(book, out var bookFound))
        {
            return Problems.NotFound("The book");
        }

        // The text changes only when the translation is imported again, so the ETag needs no read of the verses.
        var etag = $"\"{found.Id}-{found.ImportedAt.ToUnixTimeMilliseconds()}-{found.VerseCount}-{bookFound.OsisId}\"";
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, no-cache";
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var verses = await LoadAsync(db, found.Id, new VersePosition(bookFound.Number, 0, 0), new VersePosition(bookFound.Number, int.MaxValue, int.MaxValue),
            cancellationToken);
        if (verses.Count == 0)
        {
            return Problems.NotFound("The book");
        }

        var chapters = verses.GroupBy(v => v.Chapter).Select(g =>
        {
            var previous = BibleBooks.PreviousChapter(bookFound, g.Key);
            var next = BibleBooks.NextChapter(bookFound, g.Key);
            var link = Link(bookFound, g.Key);
            return new BiblePassageResponse(found.Id, link.Osis, link.Reference, g.Select(ToResponse).ToList(),
                previous is { } p ? Link(p.Book, p.Chapter) : null, next is { } n ? Link(n.Book, n.Chapter) : null);
        }).ToList();
        return TypedResults.Ok(new BibleBookTextResponse(found.Id, bookFound.OsisId, bookFound.Name, chapters));
    }

    public static async Task<Results<Ok<BibleSearchResponse>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        string translation, [AsParameters] BibleSearchQuery query, SelahDbContext db, CancellationToken cancellationToken)
    {
        var text = query.Q?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Problems.Field("q", "Search text is required.");
        }

        if (await FindTranslationAsync(db, translation, cancellationToken) is not { } found)
        {
            return Problems.NotFound("The translation");
        }

        var offset = query.Offset ?? 0;
        var limit = query.Limit ?? 20;
        var reference = BibleSearch.Reference(text);
        var (rows, total) = await BibleSearch.SearchAsync(db, found, text, offset, limit, cancellationToken);
        var hits = rows.Select(r =>
        {
            var position = new VersePosition(r.Book, r.Chapter, r.Verse);
            return new BibleSearchHit(position.Osis, position.Reference, r.Text, Math.Round(r.Rank, 6));
        }).ToList();
        int? nextOffset = offset + hits.Count < total && hits.Count > 0 ? offset + hits.Count : null;
        return TypedResults.Ok(new BibleSearchResponse(found.Id, text, reference, hits, total, nextOffset));
    }

    internal static async Task<BibleTranslation?> FindTranslationAsync(SelahDbContext db, string id, CancellationToken cancellationToken)
    {
        if (id.Length > 16)
        {
            return null;
        }

        var key = id.ToLowerInvariant();
        return await db.BibleTranslations.AsNoTracking().SingleOrDefaultAsync(t => t.Id == key, cancellationToken);
    }

    internal static Task<List<BibleVerse>> LoadAsync(SelahDbContext db, string translation, VersePosition start, VersePosition end,
        CancellationToken cancellationToken) =>
        db.BibleVerses.AsNoTracking()
            .Where(v => v.TranslationId == translation)
            .Where(v => v.Book > start.Book || (v.Book == start.Book && (v.Chapter > start.Chapter || (v.Chapter == start.Chapter && v.Verse >= start.Verse))))
            .Where(v => v.Book < end.Book || (v.Book == end.Book && (v.Chapter < end.Chapter || (v.Chapter == end.Chapter && v.Verse <= end.Verse))))
            .Where(v => v.Book >= start.Book && v.Book <= end.Book)
            .OrderBy(v => v.Book).ThenBy(v => v.Chapter).ThenBy(v => v.Verse)
            .ToListAsync(cancellationToken);

    internal static BibleVerseResponse ToResponse(BibleVerse verse)
    {
        var book = BibleBooks.ByNumber(verse.Book);
        var runs = VerseMarkup.Parse(verse.Text, verse.Markup)
            .Select(r => new BibleTextRun(r.Text, r.Style.HasFlag(VerseStyle.WordsOfChrist), r.Style.HasFlag(VerseStyle.Added),
                r.Style.HasFlag(VerseStyle.DivineName)))
            .ToList();
        IReadOnlyList<string> headings = verse.Headings is null ? [] : verse.Headings.Split('\n');
        return new BibleVerseResponse($"{book.OsisId}.{verse.Chapter}.{verse.Verse}", book.OsisId, verse.Chapter, verse.Verse, verse.Text,
            runs, headings, verse.Paragraph);
    }

    private static BibleChapterLink Link(BibleBook book, int chapter) =>
        new($"{book.OsisId}.{chapter}", book.OsisId, book.Name, chapter, $"{book.Name} {chapter}");
}
