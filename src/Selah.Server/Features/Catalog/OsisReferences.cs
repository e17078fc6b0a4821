using System.Text.RegularExpressions;

namespace Selah.Server.Features.Catalog;

/// <summary>
/// Scripture references in OSIS form: <c>Book.Chapter[.Verse][-Book.Chapter[.Verse]]</c> with the OSIS book ids of the
/// Protestant canon (<c>Ps.23</c>, <c>John.3.16</c>, <c>Rom.8.28-Rom.8.39</c>).
/// </summary>
public static partial class OsisReferences
{
    public static readonly IReadOnlySet<string> Books = new HashSet<string>(StringComparer.Ordinal)
    {
        "Gen", "Exod", "Lev", "Num", "Deut", "Josh", "Judg", "Ruth", "1Sam", "2Sam", "1Kgs", "2Kgs", "1Chr", "2Chr", "Ezra", "Neh",
        "Esth", "Job", "Ps", "Prov", "Eccl", "Song", "Isa", "Jer", "Lam", "Ezek", "Dan", "Hos", "Joel", "Amos", "Obad", "Jonah",
        "Mic", "Nah", "Hab", "Zeph", "Hag", "Zech", "Mal", "Matt", "Mark", "Luke", "John", "Acts", "Rom", "1Cor", "2Cor", "Gal",
        "Eph", "Phil", "Col", "1Thess", "2Thess", "1Tim", "2Tim", "Titus", "Phlm", "Heb", "Jas", "1Pet", "2Pet", "1John", "2John",
        "3John", "Jude", "Rev",
    };

    [GeneratedRegex(@"^(?<b1>[1-3]?[A-Za-z]+)\.(?<c1>[1-9][0-9]{0,2})(\.(?<v1>[1-9][0-9]{0,2}))?(-(?<b2>[1-3]?[A-Za-z]+)\.(?<c2>[1-9][0-9]{0,2})(\.(?<v2>[1-9][0-9]{0,2}))?)?$")]
    private static partial Regex Reference();

    [GeneratedRegex(@"^(?<b1>[1-3]?[A-Za-z]+)(\.[1-9][0-9]{0,2}){0,2}$")]
    private static partial Regex Prefix();

    /// <summary>A complete reference: a known book, a chapter and optionally a verse, optionally a range to another such point.</summary>
    public static bool IsValid(string reference)
    {
        var match = Reference().Match(reference);
        return match.Success && Books.Contains(match.Groups["b1"].Value)
            && (!match.Groups["b2"].Success || Books.Contains(match.Groups["b2"].Value));
    }

    /// <summary>A list filter: a book, a chapter or a verse (<c>Ps</c>, <c>Ps.23</c>, <c>John.3.16</c>).</summary>
    public static bool IsPrefix(string text)
    {
        var match = Prefix().Match(text.Trim());
        return match.Success && Books.Contains(match.Groups["b1"].Value);
    }
}
