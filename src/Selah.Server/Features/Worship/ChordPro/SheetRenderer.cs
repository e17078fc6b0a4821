using System.Globalization;
using Selah.Contracts.Worship;

namespace Selah.Server.Features.Worship.ChordPro;

/// <summary>A section of a sheet with its sequence code (V1, C, B, …) and its lines.</summary>
public sealed record SheetSection(string Type, string? Label, string? Code, IReadOnlyList<SheetLine> Lines);

/// <summary>
/// Groups a sheet into sections and renders them for clients. Explicit <c>start_of_*</c> sections keep their type and
/// label; text outside them is split into paragraphs at blank lines (type <c>none</c>). Codes: a label such as
/// "Verse 2", "Chorus", "Pre-Chorus" gives V2, C, PC; an unlabelled verse is numbered in order (V1, V2, …), an unlabelled
/// chorus is C (then C2, …), a bridge B.
/// </summary>
public static class SheetRenderer
{
    private static readonly (string Word, string Code)[] Words =
    [
        ("pre-chorus", "PC"), ("prechorus", "PC"), ("pre chorus", "PC"), ("verse", "V"), ("chorus", "C"), ("refrain", "C"),
        ("bridge", "B"), ("intro", "I"), ("outro", "O"), ("ending", "E"), ("interlude", "IN"), ("instrumental", "IN"),
        ("tag", "T"), ("vamp", "VA"), ("tab", "TAB"),
    ];

    private static readonly HashSet<string> MetadataDirectives = new(StringComparer.Ordinal)
    {
        "title", "subtitle", "artist", "composer", "lyricist", "copyright", "album", "year", "key", "capo", "tempo", "time",
        "duration", "meta", "ccli",
    };

    public static IReadOnlyList<SheetSection> Sections(ChordSheet sheet)
    {
        var sections = new List<SheetSection>();
        var counts = new Dictionary<string, int>();
        string? openType = null;
        string? openLabel = null;
        var current = new List<SheetLine>();

        void Flush(string type, string? label)
        {
            if (current.Count > 0 || type != "none")
            {
                sections.Add(new SheetSection(type, label, Code(type, label, counts), [.. current]));
            }

            current = [];
        }

        foreach (var line in sheet.Lines)
        {
            if (line is DirectiveLine directive && directive.Name.StartsWith("start_of_", StringComparison.Ordinal))
            {
                Flush("none", null);
                openType = directive.Name["start_of_".Length..];
                openLabel = directive.Label;
                continue;
            }

            if (line is DirectiveLine end && end.Name.StartsWith("end_of_", StringComparison.Ordinal))
            {
                if (openType is not null)
                {
                    Flush(openType, openLabel);
                }

                openType = null;
                openLabel = null;
                continue;
            }

            if (openType is null && line is EmptyLine)
            {
                Flush("none", null);
                continue;
            }

            if (line is DirectiveLine meta && (MetadataDirectives.Contains(meta.Name) || !IsShown(meta)))
            {
                continue;
            }

            if (line is RemarkLine || (openType is not null && line is EmptyLine && current.Count == 0))
            {
                continue;
            }

            current.Add(line);
        }

        if (openType is not null)
        {
            Flush(openType, openLabel);
        }
        else
        {
            Flush("none", null);
        }

        return sections;
    }

    /// <summary>The distinct codes of the sheet's sections, in order.</summary>
    public static IReadOnlyList<string> Codes(ChordSheet sheet) =>
        Sections(sheet).Select(s => s.Code).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Splits a sequence such as "V1 C V2 C B C" and returns the tokens that name no section.</summary>
    public static (IReadOnlyList<string> Tokens, IReadOnlyList<string> Unknown) CheckSequence(string? sequence, IReadOnlyList<string> codes)
    {
        var tokens = (sequence ?? "").Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).ToList();
        var known = new HashSet<string>(codes, StringComparer.OrdinalIgnoreCase);
        var unknown = tokens.Where(t => !known.Contains(t) && !known.Contains(Alias(t))).Distinct().ToList();
        return (tokens, unknown);
    }

    public static RenderedSheetResponse Render(ChordSheet sheet, MusicKey? key, int capo, MusicKey? shapeKey, string view)
    {
        var sections = Sections(sheet).Select(s => new SheetSectionResponse(
            s.Type, s.Label, s.Code, s.Lines.Select(l => RenderLine(l, key, view)).OfType<SheetLineResponse>().ToList())).ToList();
        return new RenderedSheetResponse(
            sheet.Title, sheet.Subtitle, sheet.Artist, key?.ToString(), capo, capo > 0 ? shapeKey?.ToString() : null,
            sheet.Tempo, sheet.Time, view, sections);
    }

    private static SheetLineResponse? RenderLine(SheetLine line, MusicKey? key, string view) => line switch
    {
        LyricsLine lyrics when view == "lyrics" => new SheetLineResponse("lyrics", [new SheetSegment(null, string.Concat(lyrics.Segments.Select(s => s.Lyrics)))], null),
        LyricsLine lyrics => new SheetLineResponse("lyrics", lyrics.Segments.Select(s => new SheetSegment(ChordText(s, key, view), s.Lyrics)).ToList(), null),
        VerbatimLine verbatim => view == "lyrics" ? null : new SheetLineResponse("tab", [], verbatim.Text),
        DirectiveLine { Name: "chorus" } chorus => new SheetLineResponse("chorus", [], string.IsNullOrEmpty(chorus.Value) ? "Chorus" : chorus.Value),
        DirectiveLine comment when comment.Name.StartsWith("comment", StringComparison.Ordinal) => new SheetLineResponse("comment", [], comment.Value ?? ""),
        EmptyLine => new SheetLineResponse("lyrics", [], ""),
        _ => null,
    };

    private static string? ChordText(Segment segment, MusicKey? key, string view) =>
        view == "nashville" && segment.Chord is { } chord && key is { } k ? NashvilleNumbers.Of(k, chord) : segment.Display;

    private static bool IsShown(DirectiveLine directive) =>
        directive.Name == "chorus" || directive.Name.StartsWith("comment", StringComparison.Ordinal);

    private static string? Code(string type, string? label, Dictionary<string, int> counts)
    {
        if (type == "none")
        {
            return null;
        }

        if (label is not null)
        {
            var lower = label.Trim().ToLowerInvariant();
            foreach (var (word, code) in Words)
            {
                if (lower.StartsWith(word, StringComparison.Ordinal))
                {
                    var number = new string(lower[word.Length..].Trim().TakeWhile(char.IsDigit).ToArray());
                    return code + number;
                }
            }

            var compact = label.Trim().Replace(" ", "", StringComparison.Ordinal);
            if (compact.Length is > 0 and <= 4)
            {
                return compact.ToUpperInvariant(); // already a code, e.g. "V1", "C2"
            }
        }

        var prefix = Words.FirstOrDefault(w => w.Word == type).Code ?? type.ToUpperInvariant();
        var n = counts[prefix] = counts.GetValueOrDefault(prefix) + 1;
        return type == "verse" ? prefix + n.ToString(CultureInfo.InvariantCulture) : n == 1 ? prefix : prefix + n.ToString(CultureInfo.InvariantCulture);
    }

    // "C" and "C1" are the same section; so are "V" and "V1" when only numbered verses exist.
    private static string Alias(string token) =>
        token.EndsWith('1') && token.Length > 1 && !char.IsDigit(token[^2]) ? token[..^1] : token + "1";
}
