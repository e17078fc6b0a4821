using System.Globalization;
using System.Text;

namespace Selah.Server.Features.Bible;

/// <summary>A verse position in canonical order (book number 1–66).</summary>
public readonly record struct VersePosition(int Book, int Chapter, int Verse) : IComparable<VersePosition>
{
    public int CompareTo(VersePosition other) =>
        Book != other.Book ? Book.CompareTo(other.Book) : Chapter != other.Chapter ? Chapter.CompareTo(other.Chapter) : Verse.CompareTo(other.Verse);

    public string Osis => $"{BibleBooks.ByNumber(Book).OsisId}.{Chapter}.{Verse}";

    public string Reference => $"{BibleBooks.ByNumber(Book).Name} {Chapter}:{Verse}";
}

public enum PassageError
{
    None,
    Malformed,
    UnknownBook,
    UnknownChapter,
    TooLong,
}

/// <summary>
/// A passage requested through the API as OSIS: a chapter (<c>Ps.23</c>), a verse (<c>John.3.16</c>) or a range
/// (<c>John.3.16-John.3.18</c>, <c>Gen.1-Gen.2</c>, <c>Gen.1.1-Gen.2.3</c>; the end may omit the book: <c>John.3.16-18</c>,
/// <c>John.3.16-4.2</c>). Chapters and verses follow KJV versification (<see cref="BibleBooks"/>).
/// </summary>
public sealed record BiblePassage(VersePosition Start, VersePosition End, bool WholeChapters)
{
    public const int MaxChapters = 10;

    public static PassageError TryParse(string? text, out BiblePassage? passage)
    {
        passage = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 60)
        {
            return PassageError.Malformed;
        }

        var parts = text.Trim().Replace('–', '-').Split('-');
        if (parts.Length > 2)
        {
            return PassageError.Malformed;
        }

        var first = parts[0].Split('.');
        if (first.Length is < 2 or > 3)
        {
            return PassageError.Malformed;
        }

        if (!BibleBooks.TryGetIgnoreCase(first[0], out var book))
        {
            return first[0].Length > 0 && first[0].All(char.IsLetterOrDigit) ? PassageError.UnknownBook : PassageError.Malformed;
        }

        if (!TryNumber(first[1], out var chapter) || (first.Length == 3 && !TryNumber(first[2], out _)))
        {
            return PassageError.Malformed;
        }

        int? verse = first.Length == 3 ? int.Parse(first[2], CultureInfo.InvariantCulture) : null;
        var endBook = book;
        var endChapter = chapter;
        int? endVerse = verse;
        if (parts.Length == 2)
        {
            var second = parts[1].Split('.');
            if (second.Length == 0 || second.Length > 3 || second.Any(s => s.Length == 0))
            {
                return PassageError.Malformed;
            }

            var numbers = second;
            if (!second[0].All(char.IsAsciiDigit))
            {
                if (!BibleBooks.TryGetIgnoreCase(second[0], out var other))
                {
                    return second[0].All(char.IsLetterOrDigit) ? PassageError.UnknownBook : PassageError.Malformed;
                }

                endBook = other;
                numbers = second[1..];
                if (numbers.Length == 0)
                {
                    return PassageError.Malformed;
                }
            }

            if (numbers.Any(n => !TryNumber(n, out _)))
            {
                return PassageError.Malformed;
            }

            var values = numbers.Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray();
            if (endBook != book)
            {
                // Another book: "Book.C" or "Book.C.V" at the same precision as the start.
                if (values.Length != (verse is null ? 1 : 2))
                {
                    return PassageError.Malformed;
                }

                endChapter = values[0];
                endVerse = verse is null ? null : values[1];
            }
            else if (values.Length == 2)
            {
                if (verse is null)
                {
                    return PassageError.Malformed;
                }

                (endChapter, endVerse) = (values[0], values[1]);
            }
            else if (verse is null)
            {
                endChapter = values[0];
            }
            else
            {
                endVerse = values[0];
            }
        }

        if (!book.HasChapter(chapter) || !endBook.HasChapter(endChapter))
        {
            return PassageError.UnknownChapter;
        }

        var start = new VersePosition(book.Number, chapter, verse ?? 1);
        var end = new VersePosition(endBook.Number, endChapter, endVerse ?? endBook.VerseCount(endChapter));
        if (end.CompareTo(start) < 0 || (verse is not null && verse > book.VerseCount(chapter) + 5))
        {
            return PassageError.Malformed;
        }

        if (ChapterOrdinal(end) - ChapterOrdinal(start) >= MaxChapters)
        {
            return PassageError.TooLong;
        }

        passage = new BiblePassage(start, end, verse is null);
        return PassageError.None;
    }

    /// <summary>Chapters from Genesis 1 (0) to Revelation 22 (1188), for distances between chapters.</summary>
    public static int ChapterOrdinal(VersePosition position)
    {
        var ordinal = 0;
        for (var b = 1; b < position.Book; b++)
        {
            ordinal += BibleBooks.ByNumber(b).ChapterCount;
        }

        return ordinal + position.Chapter - 1;
    }

    public BibleBook StartBook => BibleBooks.ByNumber(Start.Book);

    public BibleBook EndBook => BibleBooks.ByNumber(End.Book);

    /// <summary>Normalised OSIS: <c>Ps.23</c>, <c>Gen.1-Gen.2</c>, <c>John.3.16</c>, <c>John.3.16-John.3.18</c>.</summary>
    public string Osis
    {
        get
        {
            if (WholeChapters)
            {
                var first = $"{StartBook.OsisId}.{Start.Chapter}";
                return Start.Book == End.Book && Start.Chapter == End.Chapter ? first : $"{first}-{EndBook.OsisId}.{End.Chapter}";
            }

            return Start == End ? Start.Osis : $"{Start.Osis}-{End.Osis}";
        }
    }

    /// <summary>Human-readable: <c>Psalms 23</c>, <c>John 3:16–18</c>, <c>Genesis 1:1–2:3</c>, <c>Genesis 50:26 – Exodus 1:2</c>.</summary>
    public string Reference
    {
        get
        {
            var text = new StringBuilder(StartBook.Name).Append(' ').Append(Start.Chapter);
            if (WholeChapters)
            {
                if (Start.Book != End.Book)
                {
                    text.Append(" – ").Append(EndBook.Name).Append(' ').Append(End.Chapter);
                }
                else if (Start.Chapter != End.Chapter)
                {
                    text.Append('–').Append(End.Chapter);
                }

                return text.ToString();
            }

            text.Append(':').Append(Start.Verse);
            if (Start.Book != End.Book)
            {
                text.Append(" – ").Append(End.Reference);
            }
            else if (Start.Chapter != End.Chapter)
            {
                text.Append('–').Append(End.Chapter).Append(':').Append(End.Verse);
            }
            else if (Start.Verse != End.Verse)
            {
                text.Append('–').Append(End.Verse);
            }

            return text.ToString();
        }
    }

    private static bool TryNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= 999;
}
