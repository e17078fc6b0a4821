// Records document only the parameters that need explaining.
#pragma warning disable CS1573
using System.ComponentModel.DataAnnotations;

namespace Selah.Contracts.Bible;

/// <summary>An imported Bible translation.</summary>
/// <param name="Id">Translation id used in URLs: <c>kjv</c>, <c>web</c>, <c>sparv</c>.</param>
/// <param name="Language">ISO 639-1 language code (<c>en</c>, <c>es</c>).</param>
/// <param name="VerseCount">Verses imported (KJV: 31,102).</param>
public sealed record BibleTranslationResponse(string Id, string Name, string Abbreviation, string Language, int VerseCount);

/// <summary>A book of the Bible and its chapters in a translation.</summary>
/// <param name="Id">OSIS book id (<c>Gen</c>, <c>Ps</c>, <c>1Cor</c>).</param>
/// <param name="Testament"><c>old</c> or <c>new</c>.</param>
/// <param name="Chapters">The chapters this translation has, with their verse counts.</param>
public sealed record BibleBookResponse(string Id, string Name, string Testament, int Number, IReadOnlyList<BibleChapterResponse> Chapters);

/// <summary>A chapter and how many verses it has.</summary>
public sealed record BibleChapterResponse(int Chapter, int VerseCount, string Osis);

/// <summary>A run of verse text with its styles.</summary>
/// <param name="Text">The text of the run (plain text, never markup).</param>
/// <param name="WordsOfChrist">Words spoken by Jesus (red letters).</param>
/// <param name="Added">Words added by the translators (italics in the KJV).</param>
/// <param name="DivineName">The divine name (LORD in small capitals).</param>
public sealed record BibleTextRun(string Text, bool WordsOfChrist, bool Added, bool DivineName);

/// <summary>One verse of a passage.</summary>
/// <param name="Osis">The verse's OSIS reference (<c>John.3.16</c>).</param>
/// <param name="Text">Plain text.</param>
/// <param name="Runs">The same text as styled runs.</param>
/// <param name="Headings">Headings shown before this verse (section headings, psalm titles).</param>
/// <param name="Paragraph">True when the verse starts a paragraph.</param>
public sealed record BibleVerseResponse(string Osis, string Book, int Chapter, int Verse, string Text, IReadOnlyList<BibleTextRun> Runs,
    IReadOnlyList<string> Headings, bool Paragraph);

/// <summary>A chapter to navigate to.</summary>
public sealed record BibleChapterLink(string Osis, string Book, string BookName, int Chapter, string Reference);

/// <summary>A passage in one translation.</summary>
/// <param name="Osis">The passage as OSIS (<c>John.3.16-John.3.18</c>, <c>Ps.23</c>).</param>
/// <param name="Reference">Human-readable reference (<c>John 3:16–18</c>).</param>
/// <param name="Previous">The chapter before the passage's first chapter (null at Genesis 1).</param>
/// <param name="Next">The chapter after the passage's last chapter (null at Revelation 22).</param>
public sealed record BiblePassageResponse(string Translation, string Osis, string Reference, IReadOnlyList<BibleVerseResponse> Verses,
    BibleChapterLink? Previous, BibleChapterLink? Next);

/// <summary>
/// A whole book of one translation for offline reading: every chapter exactly as
/// <c>GET /api/v1/bible/{translation}/{Book.Chapter}</c> answers it, so a client can keep each one under that chapter's URL.
/// </summary>
public sealed record BibleBookTextResponse(string Translation, string Book, string Name, IReadOnlyList<BiblePassageResponse> Chapters);

/// <summary>Full-text search in a translation.</summary>
public sealed record BibleSearchQuery
{
    /// <summary>Words to find, or a reference such as <c>john 3:16</c>.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string? Q { get; init; }

    /// <summary>Hits to skip (paging).</summary>
    [Range(0, 10_000)]
    public int? Offset { get; init; }

    /// <summary>Hits per page, 1–100 (default 20).</summary>
    [Range(1, 100)]
    public int? Limit { get; init; }
}

/// <summary>One verse found by search, best first.</summary>
public sealed record BibleSearchHit(string Osis, string Reference, string Text, double Rank);

/// <summary>A reference recognised in the search text: the client jumps to it.</summary>
public sealed record BibleReferenceHit(string Osis, string Reference);

/// <summary>Search results: a reference when the text names a passage, then ranked verses.</summary>
/// <param name="NextOffset">Offset of the next page, or null on the last page.</param>
public sealed record BibleSearchResponse(string Translation, string Query, BibleReferenceHit? Reference, IReadOnlyList<BibleSearchHit> Hits,
    int Total, int? NextOffset);

/// <summary>The verse of the day for a date in a time zone.</summary>
/// <param name="Date">The date (<c>YYYY-MM-DD</c>) in <see cref="TimeZone"/>.</param>
/// <param name="ImageUrl">A shareable PNG of the verse.</param>
public sealed record VerseOfTheDayResponse(string Date, string TimeZone, string Translation, string Osis, string Reference, string Text,
    string ImageUrl);

/// <summary>Highlight colours.</summary>
public static class HighlightColors
{
    public static readonly IReadOnlyList<string> All = ["yellow", "green", "blue", "pink", "orange", "purple"];
}

/// <summary>Sets a verse's highlight colour.</summary>
public sealed record HighlightRequest
{
    /// <summary>One of yellow, green, blue, pink, orange, purple.</summary>
    [Required, RegularExpression("^(yellow|green|blue|pink|orange|purple)$", ErrorMessage = "Color must be yellow, green, blue, pink, orange or purple.")]
    public string? Color { get; init; }
}

/// <summary>A highlighted verse.</summary>
public sealed record HighlightResponse(string Osis, string Color, DateTimeOffset UpdatedAt);

/// <summary>Bookmarks a verse.</summary>
public sealed record BookmarkRequest
{
    /// <summary>The translation the verse was read in (optional).</summary>
    [StringLength(16)]
    public string? Translation { get; init; }
}

/// <summary>A bookmarked verse.</summary>
public sealed record BookmarkResponse(string Osis, string Reference, string? Translation, DateTimeOffset CreatedAt);

/// <summary>Creates a note on a verse.</summary>
public sealed record CreateNoteRequest
{
    /// <summary>The verse, as OSIS (<c>John.3.16</c>).</summary>
    [Required, StringLength(40)]
    public string? Verse { get; init; }

    [Required, StringLength(4000, MinimumLength = 1)]
    public string? Text { get; init; }
}

/// <summary>Changes a note's text.</summary>
public sealed record UpdateNoteRequest
{
    [Required, StringLength(4000, MinimumLength = 1)]
    public string? Text { get; init; }
}

/// <summary>A private note on a verse.</summary>
public sealed record NoteResponse(Guid Id, string Osis, string Reference, string Text, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The signed-in user's highlights, bookmarks and notes in a chapter (what the reader overlays).</summary>
public sealed record ChapterAnnotationsResponse(IReadOnlyList<HighlightResponse> Highlights, IReadOnlyList<BookmarkResponse> Bookmarks,
    IReadOnlyList<NoteResponse> Notes);

/// <summary>A passage to read.</summary>
public sealed record ReadingPassage(string Osis, string Reference);

/// <summary>A reading plan.</summary>
/// <param name="Slug">URL id (<c>bible-in-a-year</c>).</param>
/// <param name="Days">Number of days.</param>
/// <param name="BuiltIn">Shipped with Selah (cannot be deleted).</param>
public sealed record ReadingPlanResponse(Guid Id, string Slug, string Name, string? Description, int Days, bool BuiltIn);

/// <summary>One day of a plan.</summary>
public sealed record ReadingPlanDayResponse(int Day, IReadOnlyList<ReadingPassage> Passages);

/// <summary>A plan with its days.</summary>
public sealed record ReadingPlanDetailResponse(ReadingPlanResponse Plan, IReadOnlyList<ReadingPlanDayResponse> Days);

/// <summary>Creates or replaces an admin-authored reading plan.</summary>
public sealed record ReadingPlanRequest
{
    [Required, StringLength(120, MinimumLength = 1)]
    public string? Name { get; init; }

    [StringLength(2000)]
    public string? Description { get; init; }

    /// <summary>URL id: lower-case letters, digits and hyphens (derived from the name when omitted on create).</summary>
    [StringLength(80), RegularExpression("^[a-z0-9]+(-[a-z0-9]+)*$", ErrorMessage = "Slug must be lower-case letters, digits and single hyphens.")]
    public string? Slug { get; init; }

    /// <summary>Each day's passages as OSIS references (<c>["Gen.1-Gen.2", "Ps.1"]</c>); 1–400 days.</summary>
    [Required, MinLength(1), MaxLength(400)]
    public IReadOnlyList<IReadOnlyList<string>>? Days { get; init; }
}

/// <summary>Starts a plan.</summary>
public sealed record SubscribePlanRequest
{
    /// <summary>Day 1's date (<c>YYYY-MM-DD</c>); default today in <see cref="Tz"/>.</summary>
    [StringLength(10)]
    public string? StartDate { get; init; }

    /// <summary>IANA time zone for "today" (default the server's zone).</summary>
    [StringLength(64)]
    public string? Tz { get; init; }
}

/// <summary>My progress in a plan on a date.</summary>
/// <param name="Today">The plan day scheduled for today (1-based; can exceed the plan length when finished or late).</param>
/// <param name="Reading">What to read now: today's day, or the earliest unfinished one when behind (null when the plan is complete).</param>
/// <param name="Behind">Scheduled days up to today that are not done (catch up with <c>POST .../catch-up</c>).</param>
/// <param name="Streak">Consecutive days, ending today or yesterday, on which a reading was marked done.</param>
public sealed record ReadingPlanProgressResponse(ReadingPlanResponse Plan, string StartDate, string Date, int Today, int CompletedDays,
    IReadOnlyList<int> Completed, IReadOnlyList<int> Behind, ReadingPlanDayResponse? Reading, int Streak, bool Finished);
