namespace Selah.Server.Features.Scripture;

/// <summary>
/// English names and abbreviations of the 66 books of the Protestant canon, compiled once into a trie that
/// <see cref="ReferenceParser"/> walks over the input without allocating. Books are numbered 0 (Genesis) to 65
/// (Revelation) in canonical order; <see cref="OsisIds"/> gives each one's standard OSIS id.
/// </summary>
/// <remarks>
/// Keys are lower case with single spaces; a space in a key matches any run of white space in the text, and a full stop
/// after the whole name is consumed (<c>1 Cor.</c>). Numbered books are expanded with the ordinals 1/1st/First/I,
/// 2/2nd/Second/II and 3/3rd/Third/III, written with or without a space (<c>1Cor</c>, <c>1 Cor</c>, <c>II Kings</c>).
/// Names that are also ordinary English words (<c>Is</c>, <c>Am</c>, <c>Job</c>, <c>Mark</c>, <c>Acts</c>, <c>Song</c>, …)
/// only count when written with a capital letter, and every name only counts when a chapter number follows it.
/// </remarks>
public static class BookAliases
{
    public const int BookCount = 66;

    public static readonly string[] OsisIds =
    [
        "Gen", "Exod", "Lev", "Num", "Deut", "Josh", "Judg", "Ruth", "1Sam", "2Sam", "1Kgs", "2Kgs", "1Chr", "2Chr", "Ezra", "Neh",
        "Esth", "Job", "Ps", "Prov", "Eccl", "Song", "Isa", "Jer", "Lam", "Ezek", "Dan", "Hos", "Joel", "Amos", "Obad", "Jonah",
        "Mic", "Nah", "Hab", "Zeph", "Hag", "Zech", "Mal", "Matt", "Mark", "Luke", "John", "Acts", "Rom", "1Cor", "2Cor", "Gal",
        "Eph", "Phil", "Col", "1Thess", "2Thess", "1Tim", "2Tim", "Titus", "Phlm", "Heb", "Jas", "1Pet", "2Pet", "1John", "2John",
        "3John", "Jude", "Rev",
    ];

    // Unnumbered books: OSIS id → names (lower case). Numbered books: the base names, expanded with ordinals below.
    private static readonly (string Osis, string[] Names)[] Plain =
    [
        ("Gen", ["genesis", "gen", "ge", "gn"]),
        ("Exod", ["exodus", "exod", "exo", "ex"]),
        ("Lev", ["leviticus", "lev", "le", "lv"]),
        ("Num", ["numbers", "num", "nu", "nm", "nb"]),
        ("Deut", ["deuteronomy", "deut", "deu", "dt"]),
        ("Josh", ["joshua", "josh", "jos", "jsh"]),
        ("Judg", ["judges", "judg", "jdg", "jg", "jdgs"]),
        ("Ruth", ["ruth", "rth", "ru"]),
        ("Ezra", ["ezra", "ezr"]),
        ("Neh", ["nehemiah", "neh", "ne"]),
        ("Esth", ["esther", "esth", "est", "es"]),
        ("Job", ["job", "jb"]),
        ("Ps", ["psalms", "psalm", "pss", "ps", "psa", "psm", "pslm"]),
        ("Prov", ["proverbs", "proverb", "prov", "pro", "prv", "pr"]),
        ("Eccl", ["ecclesiastes", "eccl", "eccles", "ecc", "ec", "qoheleth", "qoh"]),
        ("Song", ["song of songs", "song of solomon", "song of sol", "song", "sos", "canticles", "canticle of canticles", "cant"]),
        ("Isa", ["isaiah", "isa", "is"]),
        ("Jer", ["jeremiah", "jer", "je", "jr"]),
        ("Lam", ["lamentations", "lam", "la"]),
        ("Ezek", ["ezekiel", "ezek", "eze", "ezk"]),
        ("Dan", ["daniel", "dan", "da", "dn"]),
        ("Hos", ["hosea", "hos", "ho"]),
        ("Joel", ["joel", "jl"]),
        ("Amos", ["amos", "am"]),
        ("Obad", ["obadiah", "obad", "ob", "oba"]),
        ("Jonah", ["jonah", "jon", "jnh"]),
        ("Mic", ["micah", "mic", "mc"]),
        ("Nah", ["nahum", "nah", "na"]),
        ("Hab", ["habakkuk", "hab", "hb"]),
        ("Zeph", ["zephaniah", "zeph", "zep", "zp"]),
        ("Hag", ["haggai", "hag", "hg"]),
        ("Zech", ["zechariah", "zech", "zec", "zc"]),
        ("Mal", ["malachi", "mal", "ml"]),
        ("Matt", ["matthew", "matt", "mat", "mt"]),
        ("Mark", ["mark", "mrk", "mk", "mr"]),
        ("Luke", ["luke", "luk", "lk"]),
        ("John", ["john", "jn", "jhn", "joh"]),
        ("Acts", ["acts", "act", "ac", "acts of the apostles"]),
        ("Rom", ["romans", "rom", "ro", "rm"]),
        ("Gal", ["galatians", "gal", "ga"]),
        ("Eph", ["ephesians", "eph", "ephes"]),
        ("Phil", ["philippians", "phil", "php", "pp"]),
        ("Col", ["colossians", "col"]),
        ("Titus", ["titus", "tit"]),
        ("Phlm", ["philemon", "philem", "phlm", "phm", "pm"]),
        ("Heb", ["hebrews", "heb"]),
        ("Jas", ["james", "jas", "jm"]),
        ("Jude", ["jude", "jud", "jd"]),
        ("Rev", ["revelation", "revelations", "the revelation", "rev", "re", "rv", "apocalypse"]),
    ];

    private static readonly (string OsisStem, int MaxNumber, string[] Names)[] Numbered =
    [
        ("Sam", 2, ["samuel", "sam", "sa", "sm"]),
        ("Kgs", 2, ["kings", "kgs", "kin", "ki", "kngs", "kg"]),
        ("Chr", 2, ["chronicles", "chron", "chr", "ch", "chrn"]),
        ("Cor", 2, ["corinthians", "cor", "co"]),
        ("Thess", 2, ["thessalonians", "thess", "thes", "th"]),
        ("Tim", 2, ["timothy", "tim", "tm"]),
        ("Pet", 2, ["peter", "pet", "pe", "pt"]),
        ("John", 3, ["john", "jn", "jhn", "joh", "jo"]),
    ];

    private static readonly string[][] Ordinals =
    [
        ["1", "1st", "first", "i"],
        ["2", "2nd", "second", "ii"],
        ["3", "3rd", "third", "iii"],
    ];

    // Names that are also common English words (or would match them): only with a capital first letter.
    private static readonly HashSet<string> CapitalOnly = new(StringComparer.Ordinal)
    {
        "is", "am", "job", "mark", "acts", "act", "song", "numbers", "judges", "ex", "gal", "hag", "col", "nah", "lam", "la",
        "mic", "pet", "re", "be", "ac", "pro", "ob", "ho", "es", "le", "ne", "na", "da", "ge", "nu", "ru", "ro", "mr", "pm",
        "pp", "est", "jon", "mat", "tit", "jud", "cant", "eze", "pr", "ml", "mc",
    };

    private const int Width = 37; // a–z, space, 0–9
    private static readonly int[] Children;
    private static readonly short[] Terminal; // book index + 1, or 0
    private static readonly bool[] NeedsCapital;

    static BookAliases()
    {
        var entries = new List<(string Key, int Book)>();
        foreach (var (osis, names) in Plain)
        {
            var book = Array.IndexOf(OsisIds, osis);
            foreach (var name in names)
            {
                entries.Add((name, book));
            }
        }

        foreach (var (stem, max, names) in Numbered)
        {
            for (var n = 1; n <= max; n++)
            {
                var book = Array.IndexOf(OsisIds, $"{n}{stem}");
                foreach (var ordinal in Ordinals[n - 1])
                {
                    foreach (var name in names)
                    {
                        entries.Add(($"{ordinal} {name}", book));
                        if (char.IsDigit(ordinal[0]))
                        {
                            entries.Add(($"{ordinal}{name}", book));
                        }
                    }
                }
            }
        }

        var children = new List<int>(Width * 2048);
        var terminal = new List<short>(2048);
        var capital = new List<bool>(2048);
        children.AddRange(new int[Width]);
        terminal.Add(0);
        capital.Add(false);
        foreach (var (key, book) in entries)
        {
            if (book < 0)
            {
                throw new InvalidOperationException($"Alias '{key}' names no book.");
            }

            var node = 0;
            foreach (var c in key)
            {
                var slot = Slot(c);
                if (slot < 0)
                {
                    throw new InvalidOperationException($"Alias '{key}' has a character the trie does not hold.");
                }

                var next = children[node * Width + slot];
                if (next == 0)
                {
                    next = terminal.Count;
                    children[node * Width + slot] = next;
                    children.AddRange(new int[Width]);
                    terminal.Add(0);
                    capital.Add(false);
                }

                node = next;
            }

            if (terminal[node] != 0 && terminal[node] != book + 1)
            {
                throw new InvalidOperationException($"Alias '{key}' names two books.");
            }

            terminal[node] = (short)(book + 1);
            capital[node] = CapitalOnly.Contains(key);
        }

        Children = [.. children];
        Terminal = [.. terminal];
        NeedsCapital = [.. capital];
    }

    /// <summary>The book index for an OSIS id (case-sensitive), or -1.</summary>
    public static int IndexOf(string osis) => Array.IndexOf(OsisIds, osis);

    private static int Slot(char c) => c switch
    {
        >= 'a' and <= 'z' => c - 'a',
        >= 'A' and <= 'Z' => c - 'A',
        ' ' => 26,
        >= '0' and <= '9' => 27 + (c - '0'),
        _ => -1,
    };

    /// <summary>
    /// Finds the book names that start at <paramref name="start"/> and end at a word boundary, longest first. Writes up to
    /// <paramref name="found"/>.Length matches as (book, index just after the name and any full stop) and returns how many.
    /// </summary>
    public static int Match(ReadOnlySpan<char> text, int start, Span<(int Book, int End)> found)
    {
        var count = 0;
        var node = 0;
        var pos = start;
        var capitalised = char.IsUpper(text[start]);
        while (pos < text.Length)
        {
            var c = text[pos];
            int slot;
            var advance = pos + 1;
            if (char.IsWhiteSpace(c))
            {
                slot = 26;
                while (advance < text.Length && char.IsWhiteSpace(text[advance]))
                {
                    advance++;
                }
            }
            else
            {
                slot = Slot(c);
            }

            if (slot < 0)
            {
                break;
            }

            var next = Children[node * Width + slot];
            if (next == 0)
            {
                break;
            }

            node = next;
            pos = advance;
            if (Terminal[node] != 0 && (pos == text.Length || !char.IsLetter(text[pos])) && (capitalised || !NeedsCapital[node]))
            {
                var end = pos < text.Length && text[pos] == '.' ? pos + 1 : pos;
                // Keep the longest matches: drop the shortest when full.
                if (count == found.Length)
                {
                    count--;
                }

                // Insert at the front so the longest comes first.
                found[..count].CopyTo(found[1..]);
                found[0] = (Terminal[node] - 1, end);
                count++;
            }
        }

        return count;
    }
}
