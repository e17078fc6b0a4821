namespace Selah.Server.Features.Bible;

/// <summary>The two testaments of the Protestant canon.</summary>
public enum Testament
{
    Old,
    New,
}

/// <summary>
/// One book of the 66-book Protestant canon: its OSIS id (<c>Gen</c>, <c>Ps</c>, <c>1Cor</c>, ...), English name,
/// testament, canonical position (1-based) and the number of verses in each chapter in KJV versification.
/// </summary>
public sealed class BibleBook
{
    private readonly int[] verseCounts;

    internal BibleBook(string osisId, string name, Testament testament, int[] verseCounts)
    {
        OsisId = osisId;
        Name = name;
        Testament = testament;
        this.verseCounts = verseCounts;
        VerseTotal = verseCounts.Sum();
    }

    /// <summary>The OSIS book id, e.g. <c>Gen</c>, <c>Ps</c>, <c>Song</c>, <c>1Cor</c>, <c>Phlm</c>.</summary>
    public string OsisId { get; }

    /// <summary>The English name, e.g. <c>1 Corinthians</c>.</summary>
    public string Name { get; }

    public Testament Testament { get; }

    /// <summary>Position in the canon, 1 (Genesis) to 66 (Revelation).</summary>
    public int Number { get; internal set; }

    public int ChapterCount => verseCounts.Length;

    /// <summary>Number of verses in the whole book (KJV versification).</summary>
    public int VerseTotal { get; }

    /// <summary>Verse counts of chapters 1..<see cref="ChapterCount"/> (index 0 is chapter 1).</summary>
    public IReadOnlyList<int> VerseCounts => verseCounts;

    /// <summary>True for books with a single chapter (Obadiah, Philemon, 2 John, 3 John, Jude).</summary>
    public bool IsSingleChapter => verseCounts.Length == 1;

    /// <summary>The number of verses in <paramref name="chapter"/> (1-based); 0 when the chapter does not exist.</summary>
    public int VerseCount(int chapter) => chapter >= 1 && chapter <= verseCounts.Length ? verseCounts[chapter - 1] : 0;

    public bool HasChapter(int chapter) => chapter >= 1 && chapter <= verseCounts.Length;

    public bool HasVerse(int chapter, int verse) => verse >= 1 && verse <= VerseCount(chapter);

    public override string ToString() => OsisId;
}

/// <summary>
/// Static canonical metadata for the 66 books of the Protestant canon in canonical order, with KJV verse counts per
/// chapter (31,102 verses in 1,189 chapters; generated from the SWORD module engKJV2006eb).
/// </summary>
public static class BibleBooks
{
    /// <summary>Total number of verses in KJV versification.</summary>
    public const int KjvVerseTotal = 31_102;

    /// <summary>Total number of chapters in KJV versification.</summary>
    public const int KjvChapterTotal = 1_189;

    private static readonly BibleBook[] Books =
    [
        new("Gen", "Genesis", Testament.Old, [31, 25, 24, 26, 32, 22, 24, 22, 29, 32, 32, 20, 18, 24, 21, 16, 27, 33, 38, 18, 34, 24, 20, 67, 34, 35, 46, 22, 35, 43, 55, 32, 20, 31, 29, 43, 36, 30, 23, 23, 57, 38, 34, 34, 28, 34, 31, 22, 33, 26]),
        new("Exod", "Exodus", Testament.Old, [22, 25, 22, 31, 23, 30, 25, 32, 35, 29, 10, 51, 22, 31, 27, 36, 16, 27, 25, 26, 36, 31, 33, 18, 40, 37, 21, 43, 46, 38, 18, 35, 23, 35, 35, 38, 29, 31, 43, 38]),
        new("Lev", "Leviticus", Testament.Old, [17, 16, 17, 35, 19, 30, 38, 36, 24, 20, 47, 8, 59, 57, 33, 34, 16, 30, 37, 27, 24, 33, 44, 23, 55, 46, 34]),
        new("Num", "Numbers", Testament.Old, [54, 34, 51, 49, 31, 27, 89, 26, 23, 36, 35, 16, 33, 45, 41, 50, 13, 32, 22, 29, 35, 41, 30, 25, 18, 65, 23, 31, 40, 16, 54, 42, 56, 29, 34, 13]),
        new("Deut", "Deuteronomy", Testament.Old, [46, 37, 29, 49, 33, 25, 26, 20, 29, 22, 32, 32, 18, 29, 23, 22, 20, 22, 21, 20, 23, 30, 25, 22, 19, 19, 26, 68, 29, 20, 30, 52, 29, 12]),
        new("Josh", "Joshua", Testament.Old, [18, 24, 17, 24, 15, 27, 26, 35, 27, 43, 23, 24, 33, 15, 63, 10, 18, 28, 51, 9, 45, 34, 16, 33]),
        new("Judg", "Judges", Testament.Old, [36, 23, 31, 24, 31, 40, 25, 35, 57, 18, 40, 15, 25, 20, 20, 31, 13, 31, 30, 48, 25]),
        new("Ruth", "Ruth", Testament.Old, [22, 23, 18, 22]),
        new("1Sam", "1 Samuel", Testament.Old, [28, 36, 21, 22, 12, 21, 17, 22, 27, 27, 15, 25, 23, 52, 35, 23, 58, 30, 24, 42, 15, 23, 29, 22, 44, 25, 12, 25, 11, 31, 13]),
        new("2Sam", "2 Samuel", Testament.Old, [27, 32, 39, 12, 25, 23, 29, 18, 13, 19, 27, 31, 39, 33, 37, 23, 29, 33, 43, 26, 22, 51, 39, 25]),
        new("1Kgs", "1 Kings", Testament.Old, [53, 46, 28, 34, 18, 38, 51, 66, 28, 29, 43, 33, 34, 31, 34, 34, 24, 46, 21, 43, 29, 53]),
        new("2Kgs", "2 Kings", Testament.Old, [18, 25, 27, 44, 27, 33, 20, 29, 37, 36, 21, 21, 25, 29, 38, 20, 41, 37, 37, 21, 26, 20, 37, 20, 30]),
        new("1Chr", "1 Chronicles", Testament.Old, [54, 55, 24, 43, 26, 81, 40, 40, 44, 14, 47, 40, 14, 17, 29, 43, 27, 17, 19, 8, 30, 19, 32, 31, 31, 32, 34, 21, 30]),
        new("2Chr", "2 Chronicles", Testament.Old, [17, 18, 17, 22, 14, 42, 22, 18, 31, 19, 23, 16, 22, 15, 19, 14, 19, 34, 11, 37, 20, 12, 21, 27, 28, 23, 9, 27, 36, 27, 21, 33, 25, 33, 27, 23]),
        new("Ezra", "Ezra", Testament.Old, [11, 70, 13, 24, 17, 22, 28, 36, 15, 44]),
        new("Neh", "Nehemiah", Testament.Old, [11, 20, 32, 23, 19, 19, 73, 18, 38, 39, 36, 47, 31]),
        new("Esth", "Esther", Testament.Old, [22, 23, 15, 17, 14, 14, 10, 17, 32, 3]),
        new("Job", "Job", Testament.Old, [22, 13, 26, 21, 27, 30, 21, 22, 35, 22, 20, 25, 28, 22, 35, 22, 16, 21, 29, 29, 34, 30, 17, 25, 6, 14, 23, 28, 25, 31, 40, 22, 33, 37, 16, 33, 24, 41, 30, 24, 34, 17]),
        new("Ps", "Psalms", Testament.Old, [6, 12, 8, 8, 12, 10, 17, 9, 20, 18, 7, 8, 6, 7, 5, 11, 15, 50, 14, 9, 13, 31, 6, 10, 22, 12, 14, 9, 11, 12, 24, 11, 22, 22, 28, 12, 40, 22, 13, 17, 13, 11, 5, 26, 17, 11, 9, 14, 20, 23, 19, 9, 6, 7, 23, 13, 11, 11, 17, 12, 8, 12, 11, 10, 13, 20, 7, 35, 36, 5, 24, 20, 28, 23, 10, 12, 20, 72, 13, 19, 16, 8, 18, 12, 13, 17, 7, 18, 52, 17, 16, 15, 5, 23, 11, 13, 12, 9, 9, 5, 8, 28, 22, 35, 45, 48, 43, 13, 31, 7, 10, 10, 9, 8, 18, 19, 2, 29, 176, 7, 8, 9, 4, 8, 5, 6, 5, 6, 8, 8, 3, 18, 3, 3, 21, 26, 9, 8, 24, 13, 10, 7, 12, 15, 21, 10, 20, 14, 9, 6]),
        new("Prov", "Proverbs", Testament.Old, [33, 22, 35, 27, 23, 35, 27, 36, 18, 32, 31, 28, 25, 35, 33, 33, 28, 24, 29, 30, 31, 29, 35, 34, 28, 28, 27, 28, 27, 33, 31]),
        new("Eccl", "Ecclesiastes", Testament.Old, [18, 26, 22, 16, 20, 12, 29, 17, 18, 20, 10, 14]),
        new("Song", "Song of Songs", Testament.Old, [17, 17, 11, 16, 16, 13, 13, 14]),
        new("Isa", "Isaiah", Testament.Old, [31, 22, 26, 6, 30, 13, 25, 22, 21, 34, 16, 6, 22, 32, 9, 14, 14, 7, 25, 6, 17, 25, 18, 23, 12, 21, 13, 29, 24, 33, 9, 20, 24, 17, 10, 22, 38, 22, 8, 31, 29, 25, 28, 28, 25, 13, 15, 22, 26, 11, 23, 15, 12, 17, 13, 12, 21, 14, 21, 22, 11, 12, 19, 12, 25, 24]),
        new("Jer", "Jeremiah", Testament.Old, [19, 37, 25, 31, 31, 30, 34, 22, 26, 25, 23, 17, 27, 22, 21, 21, 27, 23, 15, 18, 14, 30, 40, 10, 38, 24, 22, 17, 32, 24, 40, 44, 26, 22, 19, 32, 21, 28, 18, 16, 18, 22, 13, 30, 5, 28, 7, 47, 39, 46, 64, 34]),
        new("Lam", "Lamentations", Testament.Old, [22, 22, 66, 22, 22]),
        new("Ezek", "Ezekiel", Testament.Old, [28, 10, 27, 17, 17, 14, 27, 18, 11, 22, 25, 28, 23, 23, 8, 63, 24, 32, 14, 49, 32, 31, 49, 27, 17, 21, 36, 26, 21, 26, 18, 32, 33, 31, 15, 38, 28, 23, 29, 49, 26, 20, 27, 31, 25, 24, 23, 35]),
        new("Dan", "Daniel", Testament.Old, [21, 49, 30, 37, 31, 28, 28, 27, 27, 21, 45, 13]),
        new("Hos", "Hosea", Testament.Old, [11, 23, 5, 19, 15, 11, 16, 14, 17, 15, 12, 14, 16, 9]),
        new("Joel", "Joel", Testament.Old, [20, 32, 21]),
        new("Amos", "Amos", Testament.Old, [15, 16, 15, 13, 27, 14, 17, 14, 15]),
        new("Obad", "Obadiah", Testament.Old, [21]),
        new("Jonah", "Jonah", Testament.Old, [17, 10, 10, 11]),
        new("Mic", "Micah", Testament.Old, [16, 13, 12, 13, 15, 16, 20]),
        new("Nah", "Nahum", Testament.Old, [15, 13, 19]),
        new("Hab", "Habakkuk", Testament.Old, [17, 20, 19]),
        new("Zeph", "Zephaniah", Testament.Old, [18, 15, 20]),
        new("Hag", "Haggai", Testament.Old, [15, 23]),
        new("Zech", "Zechariah", Testament.Old, [21, 13, 10, 14, 11, 15, 14, 23, 17, 12, 17, 14, 9, 21]),
        new("Mal", "Malachi", Testament.Old, [14, 17, 18, 6]),
        new("Matt", "Matthew", Testament.New, [25, 23, 17, 25, 48, 34, 29, 34, 38, 42, 30, 50, 58, 36, 39, 28, 27, 35, 30, 34, 46, 46, 39, 51, 46, 75, 66, 20]),
        new("Mark", "Mark", Testament.New, [45, 28, 35, 41, 43, 56, 37, 38, 50, 52, 33, 44, 37, 72, 47, 20]),
        new("Luke", "Luke", Testament.New, [80, 52, 38, 44, 39, 49, 50, 56, 62, 42, 54, 59, 35, 35, 32, 31, 37, 43, 48, 47, 38, 71, 56, 53]),
        new("John", "John", Testament.New, [51, 25, 36, 54, 47, 71, 53, 59, 41, 42, 57, 50, 38, 31, 27, 33, 26, 40, 42, 31, 25]),
        new("Acts", "Acts", Testament.New, [26, 47, 26, 37, 42, 15, 60, 40, 43, 48, 30, 25, 52, 28, 41, 40, 34, 28, 41, 38, 40, 30, 35, 27, 27, 32, 44, 31]),
        new("Rom", "Romans", Testament.New, [32, 29, 31, 25, 21, 23, 25, 39, 33, 21, 36, 21, 14, 23, 33, 27]),
        new("1Cor", "1 Corinthians", Testament.New, [31, 16, 23, 21, 13, 20, 40, 13, 27, 33, 34, 31, 13, 40, 58, 24]),
        new("2Cor", "2 Corinthians", Testament.New, [24, 17, 18, 18, 21, 18, 16, 24, 15, 18, 33, 21, 14]),
        new("Gal", "Galatians", Testament.New, [24, 21, 29, 31, 26, 18]),
        new("Eph", "Ephesians", Testament.New, [23, 22, 21, 32, 33, 24]),
        new("Phil", "Philippians", Testament.New, [30, 30, 21, 23]),
        new("Col", "Colossians", Testament.New, [29, 23, 25, 18]),
        new("1Thess", "1 Thessalonians", Testament.New, [10, 20, 13, 18, 28]),
        new("2Thess", "2 Thessalonians", Testament.New, [12, 17, 18]),
        new("1Tim", "1 Timothy", Testament.New, [20, 15, 16, 16, 25, 21]),
        new("2Tim", "2 Timothy", Testament.New, [18, 26, 17, 22]),
        new("Titus", "Titus", Testament.New, [16, 15, 15]),
        new("Phlm", "Philemon", Testament.New, [25]),
        new("Heb", "Hebrews", Testament.New, [14, 18, 19, 16, 14, 20, 28, 13, 28, 39, 40, 29, 25]),
        new("Jas", "James", Testament.New, [27, 26, 18, 17, 20]),
        new("1Pet", "1 Peter", Testament.New, [25, 25, 22, 19, 14]),
        new("2Pet", "2 Peter", Testament.New, [21, 22, 18]),
        new("1John", "1 John", Testament.New, [10, 29, 24, 21, 21]),
        new("2John", "2 John", Testament.New, [13]),
        new("3John", "3 John", Testament.New, [14]),
        new("Jude", "Jude", Testament.New, [25]),
        new("Rev", "Revelation", Testament.New, [20, 29, 22, 11, 14, 17, 17, 13, 21, 11, 19, 17, 18, 20, 8, 21, 18, 24, 21, 15, 27, 21]),
    ];

    private static readonly Dictionary<string, BibleBook> ById = Index(StringComparer.Ordinal);
    private static readonly Dictionary<string, BibleBook> ByIdIgnoreCase = Index(StringComparer.OrdinalIgnoreCase);

    /// <summary>All 66 books in canonical order (Genesis first, Revelation last).</summary>
    public static IReadOnlyList<BibleBook> All => Books;

    /// <summary>The 39 books of the Old Testament.</summary>
    public static IEnumerable<BibleBook> OldTestament => Books.Where(b => b.Testament == Testament.Old);

    /// <summary>The 27 books of the New Testament.</summary>
    public static IEnumerable<BibleBook> NewTestament => Books.Where(b => b.Testament == Testament.New);

    /// <summary>Finds a book by its OSIS id (exact case: <c>1Cor</c>, <c>Ps</c>).</summary>
    public static bool TryGet(string? osisId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BibleBook? book)
    {
        book = null;
        return osisId is not null && ById.TryGetValue(osisId, out book);
    }

    /// <summary>Finds a book by its OSIS id ignoring case (<c>john</c>, <c>1cor</c>).</summary>
    public static bool TryGetIgnoreCase(string? osisId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BibleBook? book)
    {
        book = null;
        return osisId is not null && ByIdIgnoreCase.TryGetValue(osisId, out book);
    }

    /// <summary>The book with this OSIS id; throws <see cref="KeyNotFoundException"/> when unknown.</summary>
    public static BibleBook Get(string osisId) =>
        TryGet(osisId, out var book) ? book : throw new KeyNotFoundException($"Unknown OSIS book id '{osisId}'.");

    /// <summary>The book at canonical position <paramref name="number"/> (1..66).</summary>
    public static BibleBook ByNumber(int number) => Books[number - 1];

    /// <summary>The chapter before (book, chapter) in canonical order, crossing book boundaries; null before Genesis 1.</summary>
    public static (BibleBook Book, int Chapter)? PreviousChapter(BibleBook book, int chapter)
    {
        if (chapter > 1)
        {
            return (book, chapter - 1);
        }

        if (book.Number == 1)
        {
            return null;
        }

        var previous = ByNumber(book.Number - 1);
        return (previous, previous.ChapterCount);
    }

    /// <summary>The chapter after (book, chapter) in canonical order, crossing book boundaries; null after Revelation 22.</summary>
    public static (BibleBook Book, int Chapter)? NextChapter(BibleBook book, int chapter)
    {
        if (chapter < book.ChapterCount)
        {
            return (book, chapter + 1);
        }

        return book.Number == Books.Length ? null : (ByNumber(book.Number + 1), 1);
    }

    private static Dictionary<string, BibleBook> Index(StringComparer comparer)
    {
        var index = new Dictionary<string, BibleBook>(comparer);
        for (var i = 0; i < Books.Length; i++)
        {
            Books[i].Number = i + 1;
            index[Books[i].OsisId] = Books[i];
        }

        return index;
    }
}
