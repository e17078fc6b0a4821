using System.Text;
using Selah.Server.Features.Bible;

namespace Selah.Tests.Features.Scripture;

/// <summary>
/// Generated texts for the reference parser's differential test: every book under several of its names (full names,
/// abbreviations with and without full stops, Roman and Arabic ordinals) in chapter, verse, range, list and cross-chapter
/// forms, en dashes, sentences with several references, and sentences with none. Deterministic (fixed seed).
/// </summary>
public static class ReferenceCases
{
    // Names as people write them, per OSIS id.
    private static readonly Dictionary<string, string[]> Names = new()
    {
        ["Gen"] = ["Genesis", "Gen", "Gen."], ["Exod"] = ["Exodus", "Exod", "Ex."], ["Lev"] = ["Leviticus", "Lev"],
        ["Num"] = ["Numbers", "Num."], ["Deut"] = ["Deuteronomy", "Deut", "Dt"], ["Josh"] = ["Joshua", "Josh."],
        ["Judg"] = ["Judges", "Judg"], ["Ruth"] = ["Ruth"], ["1Sam"] = ["1 Samuel", "1 Sam", "I Samuel"],
        ["2Sam"] = ["2 Samuel", "2 Sam.", "II Sam"], ["1Kgs"] = ["1 Kings", "1 Kgs", "I Kings"], ["2Kgs"] = ["2 Kings", "II Kings", "2Kgs"],
        ["1Chr"] = ["1 Chronicles", "1 Chr", "I Chron."], ["2Chr"] = ["2 Chronicles", "2 Chron", "II Chronicles"],
        ["Ezra"] = ["Ezra"], ["Neh"] = ["Nehemiah", "Neh."], ["Esth"] = ["Esther", "Esth"], ["Job"] = ["Job"],
        ["Ps"] = ["Psalm", "Psalms", "Ps", "Ps."], ["Prov"] = ["Proverbs", "Prov", "Prov."], ["Eccl"] = ["Ecclesiastes", "Eccl", "Eccles."],
        ["Song"] = ["Song of Songs", "Song of Solomon", "Song"], ["Isa"] = ["Isaiah", "Isa", "Is"], ["Jer"] = ["Jeremiah", "Jer."],
        ["Lam"] = ["Lamentations", "Lam"], ["Ezek"] = ["Ezekiel", "Ezek"], ["Dan"] = ["Daniel", "Dan."], ["Hos"] = ["Hosea", "Hos"],
        ["Joel"] = ["Joel"], ["Amos"] = ["Amos"], ["Obad"] = ["Obadiah", "Obad"], ["Jonah"] = ["Jonah"], ["Mic"] = ["Micah", "Mic."],
        ["Nah"] = ["Nahum", "Nah"], ["Hab"] = ["Habakkuk", "Hab."], ["Zeph"] = ["Zephaniah", "Zeph"], ["Hag"] = ["Haggai", "Hag"],
        ["Zech"] = ["Zechariah", "Zech."], ["Mal"] = ["Malachi", "Mal"], ["Matt"] = ["Matthew", "Matt", "Mt"],
        ["Mark"] = ["Mark", "Mk"], ["Luke"] = ["Luke", "Lk"], ["John"] = ["John", "Jn", "Jn."], ["Acts"] = ["Acts"],
        ["Rom"] = ["Romans", "Rom", "Rom."], ["1Cor"] = ["1 Corinthians", "1 Cor.", "I Cor", "1Cor"], ["2Cor"] = ["2 Corinthians", "2 Cor", "II Corinthians"],
        ["Gal"] = ["Galatians", "Gal"], ["Eph"] = ["Ephesians", "Eph", "Eph."], ["Phil"] = ["Philippians", "Phil"],
        ["Col"] = ["Colossians", "Col."], ["1Thess"] = ["1 Thessalonians", "1 Thess"], ["2Thess"] = ["2 Thessalonians", "II Thess."],
        ["1Tim"] = ["1 Timothy", "1 Tim"], ["2Tim"] = ["2 Timothy", "2 Tim.", "II Timothy"], ["Titus"] = ["Titus"],
        ["Phlm"] = ["Philemon", "Phlm"], ["Heb"] = ["Hebrews", "Heb"], ["Jas"] = ["James", "Jas"], ["1Pet"] = ["1 Peter", "1 Pet", "I Peter"],
        ["2Pet"] = ["2 Peter", "2 Pet."], ["1John"] = ["1 John", "1 Jn", "I John"], ["2John"] = ["2 John", "II John"],
        ["3John"] = ["3 John", "III John"], ["Jude"] = ["Jude"], ["Rev"] = ["Revelation", "Rev", "Rev."],
    };

    // The examples and known edge cases (ranges written backwards, impossible chapter ranges, clamping, books in lists).
    private static readonly string[] Curated =
    [
        "John 3:16",
        "Jn 3:16-18",
        "1 Cor. 13",
        "II Kings 2:11",
        "Ps 23:1-6",
        "Ruth 1-4",
        "Song of Songs 2:4",
        "Romans 8:28, 38-39",
        "Eph 2:8-9; 3:20",
        "Gen 1:1\u20132:3",
        "Jude 3",
        "Jude 1",
        "Matt 5, 6, 7",
        "Read John 3:16 and then Gen 1 daily",
        "I am in Acts now",
        "Ps 119",
        "Gen 1-2",
        "Gen 1:1-31",
        "Obadiah 1-21",
        "Rev 22:21-1",
        "John 3:16 is and Job 1:1, 2; Is 53",
        "1 Jn 1:9",
        "Gen 50:26-Exod 1:2",
        "Gen 1-Exod 2",
        "Heb 13-15",
        "Jer 33-11",
        "John 3:16a",
        "Gen 1:1; 2",
        "Matt 5:1, 7; 8",
        "John 3 v 16",
        "Ex 20",
        "Gen 51",
        "John 3:99",
        "Jn 21:25-22:1",
        "Psalm 23:1-8",
        "John 3:16; 1 John 1:9",
        "Gen 1; 2 Kings 3",
        "Isaiah 40:31, 41:10",
        "1st Corinthians 13:4-7",
        "First John 4:8",
        "Third John 4",
        "Philemon 1:6",
        "Gen 1:1-Exod 40:38",
        "Gen 1-Exod 40",
        "Mark 16:9-20, Luke 1",
        "John 3:16\u201418",
        "John 3.16",
        "Num 6:24-26",
        "Ruth 1:16-17",
        "Acts 2:38-40; 4:12",
        "Deut 6:4-9, 11:18-21",
        "Ps 23, 24",
        "Ps 22-24",
    ];

    private static readonly string[] Sentences =
    [
        "As we read in {0}, God keeps his promises.",
        "This morning's sermon was on {0} and it was wonderful.",
        "{0} says it plainly.",
        "Memorise {0} this week!",
        "(See {0}.)",
        "We sang a hymn based on {0}; then we prayed.",
    ];

    private static readonly string[] NoReferences =
    [
        "I am sure this is 3 times better than last year.",
        "Mark my words: the job took 2 hours and the acts were 4 minutes long.",
        "The song lasted 5 minutes and we sang it 2 times.",
        "Numbers alone like 3:16 or 23 mean nothing.",
        "Can you hear the drums, Fernando?",
        "We met at 10:30 in room 12.",
        "Is it true that 1 in 4 people sing?",
        "The col was 2000 metres high.",
    ];

    public static IReadOnlyList<string> Generate()
    {
        var random = new Random(20261123);
        var cases = new List<string>();
        foreach (var book in BibleBooks.All)
        {
            foreach (var name in Names[book.OsisId])
            {
                cases.Add(Form(random, book, name, random.Next(12)));
                cases.Add(Form(random, book, name, random.Next(16)));
            }

            cases.Add(Form(random, book, Names[book.OsisId][0], 12 + random.Next(4)));
        }

        // Several references in one sentence, mixed separators.
        for (var k = 0; k < 40; k++)
        {
            var a = BibleBooks.All[random.Next(BibleBooks.All.Count)];
            var b = BibleBooks.All[random.Next(BibleBooks.All.Count)];
            cases.Add($"Compare {Form(random, a, Pick(random, Names[a.OsisId]), random.Next(8))} with {Form(random, b, Pick(random, Names[b.OsisId]), random.Next(8))} tonight.");
        }

        cases.AddRange(Curated);
        cases.AddRange(NoReferences);
        return cases;
    }

    private static string Pick(Random random, string[] names) => names[random.Next(names.Length)];

    private static string Form(Random random, BibleBook book, string name, int form)
    {
        var c = 1 + random.Next(book.ChapterCount);
        var verses = book.VerseCount(c);
        var v = 1 + random.Next(verses);
        var w = Math.Min(verses, v + 1 + random.Next(5));
        var single = book.IsSingleChapter;
        var text = new StringBuilder();
        switch (form)
        {
            case 0:
                text.Append(single ? $"{name} {v}" : $"{name} {c}");
                break;
            case 1:
                text.Append($"{name} {c}:{v}");
                break;
            case 2:
                text.Append($"{name} {c}:{v}-{w}");
                break;
            case 3:
                text.Append($"{name} {c}:{v}\u2013{w}");
                break;
            case 4 when book.ChapterCount > 1:
                var c2 = Math.Min(book.ChapterCount, c + 1 + random.Next(3));
                text.Append(c2 > c ? $"{name} {c}-{c2}" : $"{name} {c - 1}-{c}");
                break;
            case 5 when c < book.ChapterCount:
                text.Append($"{name} {c}:{v}-{c + 1}:{1 + random.Next(book.VerseCount(c + 1))}");
                break;
            case 6:
                text.Append(w > v + 1 ? $"{name} {c}:{v}, {w}" : $"{name} {c}:{v}");
                break;
            case 7 when w > v + 2:
                text.Append($"{name} {c}:{v}, {v + 2}-{w}");
                break;
            case 8 when c < book.ChapterCount:
                text.Append($"{name} {c}:{v}-{w}; {c + 1}:{1 + random.Next(book.VerseCount(c + 1))}");
                break;
            case 9:
            case 10:
                text.Append(string.Format(Sentences[random.Next(Sentences.Length)], $"{name} {c}:{v}"));
                break;
            case 12:
                text.Append($"{name} {c}:1-{verses}");
                break;
            case 13:
                text.Append($"{name} 1-{book.ChapterCount}");
                break;
            case 14 when !single:
                text.Append($"{name} {c}, {Math.Min(book.ChapterCount, c + 2)}");
                break;
            case 15:
                text.Append($"{name.TrimEnd('.')}.{c}.{v}");
                break;
            default:
                text.Append($"{name} {c}:{v}");
                break;
        }

        return text.ToString();
    }
}
