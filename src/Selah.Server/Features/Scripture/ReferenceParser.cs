using System.Text;

namespace Selah.Server.Features.Scripture;

/// <summary>A verse: book index (0 = Genesis … 65 = Revelation, see <see cref="BookAliases.OsisIds"/>), chapter, verse.</summary>
public readonly record struct VersePoint(int Book, int Chapter, int Verse);

/// <summary>How much of the Bible a passage covers, for its OSIS form.</summary>
public enum PassageScope
{
    /// <summary>Verses: <c>John.3.16</c>, <c>Gen.1.1-Gen.2.3</c>.</summary>
    Verses,

    /// <summary>Whole chapters: <c>Ps.23</c>, <c>Gen.1-Gen.2</c>.</summary>
    Chapters,

    /// <summary>Whole books: <c>Ruth</c>, <c>Gen-Exod</c>.</summary>
    Books,
}

/// <summary>
/// One passage found in text: the first and last verse (both inclusive, always resolved to real verses) and where it was
/// written (<see cref="Index"/>, <see cref="Length"/> in the input).
/// </summary>
public readonly record struct ParsedPassage(VersePoint Start, VersePoint End, PassageScope Scope, int Index, int Length)
{
    public string Osis()
    {
        var builder = new StringBuilder(24);
        AppendOsis(builder);
        return builder.ToString();
    }

    /// <summary>
    /// Writes the OSIS reference: a single verse <c>Book.C.V</c>, a chapter <c>Book.C</c>, a book <c>Book</c>, or a range with both
    /// ends written at the same precision (<c>Rom.8.38-Rom.8.39</c>, <c>Gen.1-Gen.2</c>).
    /// </summary>
    public void AppendOsis(StringBuilder builder)
    {
        AppendPoint(builder, Start);
        if (Scope switch
            {
                PassageScope.Books => Start.Book != End.Book,
                PassageScope.Chapters => Start.Book != End.Book || Start.Chapter != End.Chapter,
                _ => Start != End,
            })
        {
            builder.Append('-');
            AppendPoint(builder, End);
        }
    }

    private void AppendPoint(StringBuilder builder, VersePoint point)
    {
        builder.Append(BookAliases.OsisIds[point.Book]);
        if (Scope == PassageScope.Books)
        {
            return;
        }

        builder.Append('.').Append(point.Chapter);
        if (Scope == PassageScope.Verses)
        {
            builder.Append('.').Append(point.Verse);
        }
    }
}

/// <summary>
/// Finds Bible references in free text ("Read Romans 8:28, 38-39 and Eph 2:8-9; 3:20") in one pass, without regular
/// expressions: at each word start the book-name trie (<see cref="BookAliases"/>) is walked, and a name only counts when a
/// chapter number follows it. Conventions match the <c>bible-passage-reference-parser</c> npm package as configured in
/// <c>tests/tools/parse-references.mjs</c>:
/// <list type="bullet">
/// <item><c>C:V</c> or <c>C.V</c> is chapter and verse; a bare number after a comma or semicolon continues the last reference
/// at the same level (a verse after a verse, a chapter after a chapter); <c>C:V</c> after a separator starts a new chapter.</item>
/// <item>Ranges use <c>-</c>, en dash or em dash and may cross chapters (<c>Gen 1:1–2:3</c>) and books (<c>Gen 50:26-Exod 1:2</c>).
/// A chapter range whose end is impossible (<c>Heb 13-15</c>, <c>Jer 33-11</c>) reads as chapter and verse.</item>
/// <item>In single-chapter books (Obadiah, Philemon, 2–3 John, Jude) a lone number is a verse (<c>Jude 3</c> = <c>Jude.1.3</c>).</item>
/// <item>Chapters or verses that do not exist drop the reference; a range end beyond the chapter or book is clamped.</item>
/// <item>A verse range ending before it starts (<c>Rev 22:21-1</c>) becomes two passages.</item>
/// <item><c>16f</c> is the verse and the next (the npm parser reads it like <c>16ff</c>, to the end of the chapter); <c>16a</c>
/// (partial verse) is verse 16; "chapter"/"ch." and "v"/"vv"/"verse" words are understood.</item>
/// </list>
/// </summary>
public static class ReferenceParser
{
    private const int MaxCandidates = 4;

    /// <summary>Parses <paramref name="text"/> and returns the passages in order of appearance.</summary>
    public static List<ParsedPassage> Parse(ReadOnlySpan<char> text)
    {
        var passages = new List<ParsedPassage>();
        Parse(text, passages);
        return passages;
    }

    /// <summary>Appends the passages found in <paramref name="text"/> to <paramref name="passages"/> (order of appearance).</summary>
    public static void Parse(ReadOnlySpan<char> text, List<ParsedPassage> passages)
    {
        Span<(int Book, int End)> candidates = stackalloc (int, int)[MaxCandidates];
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            var found = BookAliases.Match(text, i, candidates);
            var next = -1;
            for (var k = 0; k < found && next < 0; k++)
            {
                next = ParseReferences(text, i, candidates[k].Book, candidates[k].End, passages);
            }

            if (next > i)
            {
                i = next;
                continue;
            }

            // Not a reference: skip the rest of the word.
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }
        }
    }

    /// <summary>Joins the passages' OSIS references with commas.</summary>
    public static string ToOsis(IReadOnlyList<ParsedPassage> passages)
    {
        if (passages.Count == 0)
        {
            return "";
        }

        var builder = new StringBuilder(passages.Count * 16);
        for (var k = 0; k < passages.Count; k++)
        {
            if (k > 0)
            {
                builder.Append(',');
            }

            passages[k].AppendOsis(builder);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Parses the chapter/verse part after a book name ending at <paramref name="afterBook"/>, and any continuation after commas or
    /// semicolons. Returns the index just after the last consumed reference, or -1 when no number follows the book name.
    /// </summary>
    private static int ParseReferences(ReadOnlySpan<char> text, int bookStart, int book, int afterBook, List<ParsedPassage> passages)
    {
        var p = SkipChapterWord(text, SkipSpaces(text, afterBook));
        if (p >= text.Length || !char.IsAsciiDigit(text[p]))
        {
            return -1;
        }

        if (!TryReadItem(text, ref p, book, chapterContext: 0, verseContext: false, out var item))
        {
            return -1;
        }

        var itemStart = bookStart;
        var end = p;
        while (true)
        {
            var last = item.End;
            Emit(item, itemStart, end, passages);

            // A continuation: , or ; then a number that is not the start of a numbered book ("; 2 Kings 3").
            var q = SkipSpaces(text, end);
            if (q >= text.Length || text[q] is not (',' or ';'))
            {
                return end;
            }

            q = SkipSpaces(text, q + 1);
            if (q >= text.Length || !char.IsAsciiDigit(text[q]) || StartsReference(text, q))
            {
                return end;
            }

            var r = q;
            if (!TryReadItem(text, ref r, last.Book, last.Chapter, last.Verse > 0, out item))
            {
                return end;
            }

            itemStart = q;
            end = r;
        }
    }

    /// <summary>Skips "chapter", "chap." or "ch." (and the spaces after it) when a number follows: "John chapter 3".</summary>
    private static int SkipChapterWord(ReadOnlySpan<char> text, int p)
    {
        var q = p;
        while (q < text.Length && char.IsAsciiLetter(text[q]))
        {
            q++;
        }

        var word = text[p..q];
        if (!(word.Equals("chapter", StringComparison.OrdinalIgnoreCase) || word.Equals("chap", StringComparison.OrdinalIgnoreCase)
                || word.Equals("ch", StringComparison.OrdinalIgnoreCase)))
        {
            return p;
        }

        if (q < text.Length && text[q] == '.')
        {
            q++;
        }

        var r = SkipSpaces(text, q);
        return r > p && r < text.Length && char.IsAsciiDigit(text[r]) ? r : p;
    }

    private static bool StartsReference(ReadOnlySpan<char> text, int at)
    {
        Span<(int Book, int End)> candidates = stackalloc (int, int)[MaxCandidates];
        var found = BookAliases.Match(text, at, candidates);
        for (var k = 0; k < found; k++)
        {
            var p = SkipSpaces(text, candidates[k].End);
            if (p < text.Length && char.IsAsciiDigit(text[p]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A reference as written, before validation: verse 0 means "not given" (whole chapter).</summary>
    private readonly record struct Item(VersePoint Start, VersePoint End);

    /// <summary>
    /// Reads <c>N</c>, <c>N:M</c>, optionally followed by a range <c>-N</c>, <c>-N:M</c> or <c>-Book N[:M]</c>. In a chapter
    /// context (after a separator) a bare number is a verse when <paramref name="verseContext"/> is set, else a chapter.
    /// </summary>
    private static bool TryReadItem(ReadOnlySpan<char> text, ref int p, int book, int chapterContext, bool verseContext, out Item item)
    {
        item = default;
        var singleChapter = ScriptureCanon.ChapterCount(book) == 1;
        if (!TryReadPoint(text, ref p, book, chapterContext, verseContext || singleChapter, out var start))
        {
            return false;
        }

        var end = start;
        if (start.Verse > 0 && FollowingLength(text, p) is > 0 and var suffix)
        {
            // "16f" is the verse and the next; "16ff" runs to the end of the chapter (clamped when emitted).
            end = start with { Verse = suffix == 1 ? start.Verse + 1 : int.MaxValue };
            p += suffix;
            if (p < text.Length && text[p] == '.')
            {
                p++;
            }

            item = new Item(start, end);
            return true;
        }

        var q = SkipSpaces(text, p);
        if (q < text.Length && IsDash(text[q]))
        {
            var r = SkipSpaces(text, q + 1);
            if (r < text.Length && char.IsAsciiDigit(text[r]) && !StartsReference(text, r))
            {
                // Same book: -N:M crosses chapters; -N is a verse after a verse, a chapter after a chapter.
                if (TryReadPoint(text, ref r, book, start.Chapter, start.Verse > 0 || singleChapter, out var to))
                {
                    end = to;
                    p = r;
                    if (start.Verse == 0 && to.Verse > 0)
                    {
                        start = start with { Verse = 1 };
                    }
                    else if (start.Verse == 0 && to.Verse == 0)
                    {
                        end = ChapterRangeEnd(start, to.Chapter, out start);
                    }
                }
            }
            else if (r < text.Length)
            {
                Span<(int Book, int End)> candidates = stackalloc (int, int)[MaxCandidates];
                var found = BookAliases.Match(text, r, candidates);
                for (var k = 0; k < found; k++)
                {
                    var s = SkipSpaces(text, candidates[k].End);
                    var toBook = candidates[k].Book;
                    if (toBook < book || s >= text.Length || !char.IsAsciiDigit(text[s]))
                    {
                        continue;
                    }

                    if (TryReadPoint(text, ref s, toBook, 0, ScriptureCanon.ChapterCount(toBook) == 1, out var to))
                    {
                        end = to;
                        p = s;
                        if (start.Verse == 0 && to.Verse > 0)
                        {
                            start = start with { Verse = 1 };
                        }

                        break;
                    }
                }
            }
        }

        item = new Item(start, end);
        return true;
    }

    /// <summary>A chapter range <c>C1-C2</c>: an impossible end (before the start, or past the book) reads as chapter C1 verse C2.</summary>
    private static VersePoint ChapterRangeEnd(VersePoint start, int endChapter, out VersePoint newStart)
    {
        newStart = start;
        if (endChapter > start.Chapter && endChapter <= ScriptureCanon.ChapterCount(start.Book))
        {
            return start with { Chapter = endChapter };
        }

        if (start.Chapter <= ScriptureCanon.ChapterCount(start.Book) && endChapter <= ScriptureCanon.VerseCount(start.Book, start.Chapter))
        {
            newStart = start with { Verse = endChapter };
            return newStart;
        }

        return start with { Chapter = Math.Max(start.Chapter, endChapter) };
    }

    /// <summary>
    /// Reads <c>N</c> or <c>N:M</c> (also <c>N.M</c>, <c>N v M</c>) with an optional partial-verse letter, ending at a word
    /// boundary. A bare N is a verse of <paramref name="chapter"/> when <paramref name="bareIsVerse"/>, else a chapter.
    /// </summary>
    private static bool TryReadPoint(ReadOnlySpan<char> text, ref int p, int book, int chapter, bool bareIsVerse, out VersePoint point)
    {
        point = default;
        var q = p;
        if (!TryReadNumber(text, ref q, out var first))
        {
            return false;
        }

        int verse;
        if (q + 1 < text.Length && text[q] is ':' or '.' && char.IsAsciiDigit(text[q + 1]))
        {
            q++;
            if (!TryReadNumber(text, ref q, out verse))
            {
                return false;
            }

            chapter = first;
        }
        else if (TryReadVerseMarker(text, ref q, out verse))
        {
            chapter = first;
        }
        else if (bareIsVerse)
        {
            verse = first;
            chapter = chapter == 0 ? 1 : chapter;
        }
        else
        {
            chapter = first;
            verse = 0;
        }

        // A partial-verse letter ("16a") is read and ignored; any other letter straight after the number is not a reference.
        if (verse > 0 && q < text.Length && text[q] is 'a' or 'b' or 'c' && (q + 1 == text.Length || !char.IsLetterOrDigit(text[q + 1])))
        {
            q++;
        }

        if (q < text.Length && char.IsLetterOrDigit(text[q]) && !(verse > 0 && FollowingLength(text, q) > 0))
        {
            return false;
        }

        point = new VersePoint(book, chapter, verse);
        p = q;
        return true;
    }

    /// <summary>The length of an "f" or "ff" (and following verses) suffix at <paramref name="p"/>, or 0.</summary>
    private static int FollowingLength(ReadOnlySpan<char> text, int p)
    {
        var n = 0;
        while (p + n < text.Length && n < 3 && text[p + n] == 'f')
        {
            n++;
        }

        return n is 1 or 2 && (p + n == text.Length || !char.IsLetterOrDigit(text[p + n])) ? n : 0;
    }

    /// <summary>"3 v 16", "3 vv. 16", "3 verse 16".</summary>
    private static bool TryReadVerseMarker(ReadOnlySpan<char> text, ref int p, out int verse)
    {
        verse = 0;
        var q = SkipSpaces(text, p);
        if (q == p || q >= text.Length || text[q] is not ('v' or 'V'))
        {
            return false;
        }

        var word = q;
        while (q < text.Length && char.IsAsciiLetter(text[q]))
        {
            q++;
        }

        var marker = text[word..q];
        if (!(marker.Equals("v", StringComparison.OrdinalIgnoreCase) || marker.Equals("vv", StringComparison.OrdinalIgnoreCase)
                || marker.Equals("verse", StringComparison.OrdinalIgnoreCase) || marker.Equals("verses", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (q < text.Length && text[q] == '.')
        {
            q++;
        }

        q = SkipSpaces(text, q);
        if (!TryReadNumber(text, ref q, out verse))
        {
            return false;
        }

        p = q;
        return true;
    }

    private static bool TryReadNumber(ReadOnlySpan<char> text, ref int p, out int value)
    {
        value = 0;
        var q = p;
        while (q < text.Length && char.IsAsciiDigit(text[q]))
        {
            if (q - p == 3)
            {
                return false;
            }

            value = value * 10 + (text[q] - '0');
            q++;
        }

        if (q == p)
        {
            return false;
        }

        p = q;
        return true;
    }

    /// <summary>Validates and clamps an item, then adds one passage (or two, for a verse range written backwards).</summary>
    private static void Emit(Item item, int index, int end, List<ParsedPassage> passages)
    {
        var (start, stop) = (item.Start, item.End);
        var chapters = ScriptureCanon.ChapterCount(start.Book);
        if (start.Chapter < 1 || start.Chapter > chapters)
        {
            return;
        }

        var startVerses = ScriptureCanon.VerseCount(start.Book, start.Chapter);
        var versesGiven = start.Verse > 0;
        if (versesGiven && start.Verse > startVerses)
        {
            return;
        }

        // Ends: clamp to the book and chapter; an end before the start is dropped (or, within a chapter, a second passage).
        if (stop.Chapter < 1 || (stop.Verse == 0 && stop.Chapter == 0))
        {
            stop = start;
        }

        var stopChapters = ScriptureCanon.ChapterCount(stop.Book);
        if (stop.Chapter > stopChapters)
        {
            stop = new VersePoint(stop.Book, stopChapters, stop.Verse == 0 ? 0 : int.MaxValue);
        }

        var stopVerses = ScriptureCanon.VerseCount(stop.Book, stop.Chapter);
        if (stop.Verse > stopVerses)
        {
            stop = stop with { Verse = stopVerses };
        }

        var first = new VersePoint(start.Book, start.Chapter, versesGiven ? start.Verse : 1);
        var last = new VersePoint(stop.Book, stop.Chapter, stop.Verse > 0 ? stop.Verse : stopVerses);
        if (Compare(last, first) < 0)
        {
            if (versesGiven && stop.Verse > 0 && last.Book == first.Book && last.Chapter == first.Chapter)
            {
                passages.Add(Make(first, first, index, end - index));
                passages.Add(Make(last, last, index, end - index));
                return;
            }

            last = versesGiven ? first : new VersePoint(first.Book, first.Chapter, startVerses);
        }

        passages.Add(Make(first, last, index, end - index));
    }

    private static ParsedPassage Make(VersePoint first, VersePoint last, int index, int length)
    {
        var scope = PassageScope.Verses;
        if (first.Verse == 1 && last.Verse == ScriptureCanon.VerseCount(last.Book, last.Chapter))
        {
            scope = first.Chapter == 1 && last.Chapter == ScriptureCanon.ChapterCount(last.Book) ? PassageScope.Books : PassageScope.Chapters;
        }

        return new ParsedPassage(first, last, scope, index, length);
    }

    private static int Compare(VersePoint a, VersePoint b) =>
        a.Book != b.Book ? a.Book.CompareTo(b.Book) : a.Chapter != b.Chapter ? a.Chapter.CompareTo(b.Chapter) : a.Verse.CompareTo(b.Verse);

    private static bool IsDash(char c) => c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212';

    private static int SkipSpaces(ReadOnlySpan<char> text, int p)
    {
        while (p < text.Length && text[p] is ' ' or '\t' or '\u00A0' or '\u2009' or '\u202F')
        {
            p++;
        }

        return p;
    }
}
