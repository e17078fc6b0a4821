namespace Selah.Server.Features.Bible;

/// <summary>A translation Selah can import from a Debian SWORD module.</summary>
/// <param name="Id">Selah's translation id (<c>kjv</c>).</param>
/// <param name="Module">SWORD module id (<c>engKJV2006eb</c>), as listed in <c>/usr/share/sword/mods.d</c>.</param>
/// <param name="Package">The Debian package that installs the module.</param>
/// <param name="Name">English name of the translation.</param>
/// <param name="Abbreviation">Short name (<c>KJV</c>).</param>
/// <param name="Language">ISO 639-1 language code.</param>
public sealed record SwordTranslation(string Id, string Module, string Package, string Name, string Abbreviation, string Language);

/// <summary>The translations Selah knows how to import, and where SWORD keeps its modules.</summary>
public static class SwordTranslations
{
    public static readonly IReadOnlyList<SwordTranslation> All =
    [
        new("kjv", "engKJV2006eb", "sword-text-kjv", "King James Version", "KJV", "en"),
        new("web", "engWEB2015eb", "sword-text-web", "World English Bible", "WEB", "en"),
        new("sparv", "spaRV1909eb", "sword-text-sparv", "Reina-Valera 1909", "RV1909", "es"),
    ];

    public static SwordTranslation? Find(string id) =>
        All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The SWORD book names <c>mod2imp</c> writes (English in every module), by OSIS id.</summary>
    public static readonly IReadOnlyDictionary<string, string> OsisBySwordName = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Genesis"] = "Gen", ["Exodus"] = "Exod", ["Leviticus"] = "Lev", ["Numbers"] = "Num", ["Deuteronomy"] = "Deut",
        ["Joshua"] = "Josh", ["Judges"] = "Judg", ["Ruth"] = "Ruth", ["I Samuel"] = "1Sam", ["II Samuel"] = "2Sam",
        ["I Kings"] = "1Kgs", ["II Kings"] = "2Kgs", ["I Chronicles"] = "1Chr", ["II Chronicles"] = "2Chr", ["Ezra"] = "Ezra",
        ["Nehemiah"] = "Neh", ["Esther"] = "Esth", ["Job"] = "Job", ["Psalms"] = "Ps", ["Proverbs"] = "Prov",
        ["Ecclesiastes"] = "Eccl", ["Song of Solomon"] = "Song", ["Isaiah"] = "Isa", ["Jeremiah"] = "Jer",
        ["Lamentations"] = "Lam", ["Ezekiel"] = "Ezek", ["Daniel"] = "Dan", ["Hosea"] = "Hos", ["Joel"] = "Joel",
        ["Amos"] = "Amos", ["Obadiah"] = "Obad", ["Jonah"] = "Jonah", ["Micah"] = "Mic", ["Nahum"] = "Nah",
        ["Habakkuk"] = "Hab", ["Zephaniah"] = "Zeph", ["Haggai"] = "Hag", ["Zechariah"] = "Zech", ["Malachi"] = "Mal",
        ["Matthew"] = "Matt", ["Mark"] = "Mark", ["Luke"] = "Luke", ["John"] = "John", ["Acts"] = "Acts",
        ["Romans"] = "Rom", ["I Corinthians"] = "1Cor", ["II Corinthians"] = "2Cor", ["Galatians"] = "Gal",
        ["Ephesians"] = "Eph", ["Philippians"] = "Phil", ["Colossians"] = "Col", ["I Thessalonians"] = "1Thess",
        ["II Thessalonians"] = "2Thess", ["I Timothy"] = "1Tim", ["II Timothy"] = "2Tim", ["Titus"] = "Titus",
        ["Philemon"] = "Phlm", ["Hebrews"] = "Heb", ["James"] = "Jas", ["I Peter"] = "1Pet", ["II Peter"] = "2Pet",
        ["I John"] = "1John", ["II John"] = "2John", ["III John"] = "3John", ["Jude"] = "Jude", ["Revelation of John"] = "Rev",
    };
}
