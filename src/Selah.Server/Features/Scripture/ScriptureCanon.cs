using Selah.Server.Features.Bible;

namespace Selah.Server.Features.Scripture;

/// <summary>
/// Chapter and verse counts (KJV versification, from <see cref="BibleBooks"/>) flattened into arrays indexed by the parser's
/// book numbers, so validation and clamping in <see cref="ReferenceParser"/> are array reads.
/// </summary>
public static class ScriptureCanon
{
    private static readonly int[] Chapters = new int[BookAliases.BookCount];
    private static readonly int[] FirstChapterSlot = new int[BookAliases.BookCount];
    private static readonly int[] Verses;

    static ScriptureCanon()
    {
        var verses = new List<int>(1200);
        for (var book = 0; book < BookAliases.BookCount; book++)
        {
            var entry = BibleBooks.Get(BookAliases.OsisIds[book]);
            Chapters[book] = entry.ChapterCount;
            FirstChapterSlot[book] = verses.Count;
            verses.AddRange(entry.VerseCounts);
        }

        Verses = [.. verses];
    }

    public static int ChapterCount(int book) => Chapters[book];

    /// <summary>The number of verses in the chapter, or 0 when the chapter does not exist.</summary>
    public static int VerseCount(int book, int chapter) =>
        chapter >= 1 && chapter <= Chapters[book] ? Verses[FirstChapterSlot[book] + chapter - 1] : 0;
}
