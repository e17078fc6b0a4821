using System.Text.RegularExpressions;

namespace Selah.Server.Features.Worship.ChordPro;

/// <summary>
/// Parses ChordPro text (https://www.chordpro.org/chordpro/) into a <see cref="ChordSheet"/>. Never throws on input:
/// malformed lines become <see cref="ChordProError"/>s with line numbers (unclosed <c>[</c> or <c>{</c>, chords that are
/// not chords, section ends without or mismatching their start, sections left open, invalid key/capo/tempo values,
/// input that is too long). Unknown directives (<c>define</c>, <c>new_page</c>, …) are kept and otherwise ignored.
/// </summary>
public static partial class ChordProParser
{
    public const int MaxCharacters = 100_000;
    public const int MaxLines = 5_000;
    public const int MaxErrors = 20;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["t"] = "title", ["st"] = "subtitle", ["c"] = "comment", ["ci"] = "comment_italic", ["cb"] = "comment_box",
        ["soc"] = "start_of_chorus", ["eoc"] = "end_of_chorus", ["sov"] = "start_of_verse", ["eov"] = "end_of_verse",
        ["sob"] = "start_of_bridge", ["eob"] = "end_of_bridge", ["sot"] = "start_of_tab", ["eot"] = "end_of_tab",
        ["sog"] = "start_of_grid", ["eog"] = "end_of_grid", ["np"] = "new_page", ["npp"] = "new_physical_page",
        ["col"] = "columns", ["colb"] = "column_break", ["highlight"] = "comment",
    };

    /// <summary>Sections whose body is not chord/lyrics text and is kept verbatim.</summary>
    private static readonly HashSet<string> VerbatimSections = new(StringComparer.Ordinal) { "tab", "grid", "abc", "ly", "svg", "textblock" };

    [GeneratedRegex(@"label\s*=\s*""(?<label>[^""]*)""")]
    private static partial Regex LabelAttribute();

    public static ChordSheet Parse(string? text)
    {
        text ??= "";
        var errors = new List<ChordProError>();
        if (text.Length > MaxCharacters)
        {
            return new ChordSheet([], [new ChordProError(1, $"the sheet is longer than {MaxCharacters} characters")]);
        }

        var sourceLines = text.ReplaceLineEndings("\n").Split('\n');
        if (sourceLines.Length > 1 && sourceLines[^1].Length == 0)
        {
            sourceLines = sourceLines[..^1]; // a final newline ends the last line; it does not add an empty one
        }

        if (sourceLines.Length > MaxLines)
        {
            return new ChordSheet([], [new ChordProError(MaxLines + 1, $"the sheet has more than {MaxLines} lines")]);
        }

        var lines = new List<SheetLine>(sourceLines.Length);
        (string Type, int Line)? open = null;
        for (var i = 0; i < sourceLines.Length; i++)
        {
            var number = i + 1;
            var raw = sourceLines[i];
            var trimmed = raw.Trim();
            if (trimmed.StartsWith('{'))
            {
                if (!trimmed.EndsWith('}'))
                {
                    errors.Add(new(number, "the directive is not closed with '}'"));
                    lines.Add(new VerbatimLine(number, raw));
                    continue;
                }

                var directive = ParseDirective(number, raw, trimmed);
                lines.Add(directive);
                CheckDirective(directive, errors, ref open);
                continue;
            }

            if (open is { } section && VerbatimSections.Contains(section.Type))
            {
                lines.Add(new VerbatimLine(number, raw));
            }
            else if (trimmed.Length == 0)
            {
                lines.Add(new EmptyLine(number));
            }
            else if (raw.StartsWith('#'))
            {
                lines.Add(new RemarkLine(number, raw));
            }
            else
            {
                lines.Add(ParseLyrics(number, raw, errors));
            }
        }

        if (open is { } unclosed)
        {
            errors.Add(new(unclosed.Line, $"start_of_{unclosed.Type} is never closed (add {{end_of_{unclosed.Type}}})"));
        }

        if (errors.Count > MaxErrors)
        {
            var more = errors.Count - MaxErrors;
            errors = [.. errors.Take(MaxErrors), new ChordProError(errors[MaxErrors].Line, $"and {more} more errors")];
        }

        return new ChordSheet(lines, errors);
    }

    private static DirectiveLine ParseDirective(int number, string raw, string trimmed)
    {
        var inner = trimmed[1..^1].Trim();
        var split = inner.IndexOfAny([':', ' ', '\t']);
        var written = (split < 0 ? inner : inner[..split]).Trim();
        string? value = split < 0 ? null : inner[(split + 1)..].Trim();
        var name = written.ToLowerInvariant();
        if (Aliases.TryGetValue(name, out var canonical))
        {
            name = canonical;
        }

        string? label = null;
        if (name.StartsWith("start_of_", StringComparison.Ordinal) && !string.IsNullOrEmpty(value))
        {
            var attribute = LabelAttribute().Match(value);
            label = attribute.Success ? attribute.Groups["label"].Value.Trim() : value;
        }

        return new DirectiveLine(number, name, written, value, raw) { Label = string.IsNullOrEmpty(label) ? null : label };
    }

    private static void CheckDirective(DirectiveLine directive, List<ChordProError> errors, ref (string Type, int Line)? open)
    {
        var number = directive.Number;
        if (directive.Name.Length == 0)
        {
            errors.Add(new(number, "the directive has no name"));
            return;
        }

        if (directive.Name.StartsWith("start_of_", StringComparison.Ordinal))
        {
            var type = directive.Name["start_of_".Length..];
            if (open is { } current)
            {
                errors.Add(new(number, $"start_of_{type} inside start_of_{current.Type} from line {current.Line} (sections cannot nest)"));
            }

            open = (type, number);
            return;
        }

        if (directive.Name.StartsWith("end_of_", StringComparison.Ordinal))
        {
            var type = directive.Name["end_of_".Length..];
            if (open is not { } current)
            {
                errors.Add(new(number, $"end_of_{type} without start_of_{type}"));
            }
            else if (current.Type != type)
            {
                errors.Add(new(number, $"end_of_{type} does not match start_of_{current.Type} from line {current.Line}"));
                open = null;
            }
            else
            {
                open = null;
            }

            return;
        }

        var value = directive.Value;
        switch (directive.Name)
        {
            case "key" when !MusicKey.TryParse(value, out _):
                errors.Add(new(number, $"'{value}' is not a key (write e.g. G, Bb or F#m)"));
                break;
            case "capo" when !int.TryParse(value, out var capo) || capo is < 0 or > 11:
                errors.Add(new(number, "capo must be a whole number from 0 to 11"));
                break;
            case "tempo" when !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bpm) || bpm is <= 0 or > 400:
                errors.Add(new(number, "tempo must be a number of beats per minute (1–400)"));
                break;
        }
    }

    private static LyricsLine ParseLyrics(int number, string raw, List<ChordProError> errors)
    {
        var segments = new List<Segment>();
        var position = 0;
        string? chordText = null;
        Chord? chord = null;
        while (true)
        {
            var open = raw.IndexOf('[', position);
            var close = raw.IndexOf(']', position);
            if (close >= 0 && (open < 0 || close < open))
            {
                errors.Add(new(number, $"']' at column {close + 1} has no matching '['"));
                open = -1;
            }

            if (open < 0)
            {
                segments.Add(new Segment(chordText, chord, raw[position..]));
                return new LyricsLine(number, segments);
            }

            if (open > position || chordText is not null)
            {
                segments.Add(new Segment(chordText, chord, raw[position..open]));
            }

            var end = raw.IndexOf(']', open + 1);
            var nested = raw.IndexOf('[', open + 1);
            if (end < 0 || (nested >= 0 && nested < end))
            {
                errors.Add(new(number, $"'[' at column {open + 1} is not closed with ']'"));
                segments.Add(new Segment(null, null, raw[open..]));
                return new LyricsLine(number, segments);
            }

            chordText = raw[(open + 1)..end];
            chord = ReadChord(number, chordText, errors);
            position = end + 1;
        }
    }

    private static Chord? ReadChord(int number, string text, List<ChordProError> errors)
    {
        var trimmed = text.Trim();
        if (Chord.TryParse(trimmed, out var chord))
        {
            return chord;
        }

        if (trimmed.StartsWith('*') || trimmed is "N.C." or "NC" or "N.C" or "N/C" or "x" or "X" or "|" or "-" or "/")
        {
            return null; // an annotation, "no chord" or a rhythm mark: shown as written, never transposed
        }

        errors.Add(new(number, trimmed.Length == 0
            ? "'[]' holds no chord"
            : $"'{(trimmed.Length > 40 ? trimmed[..40] + "…" : trimmed)}' is not a chord (write e.g. [G], [Am7], [D/F#] or [*annotation])"));
        return null;
    }
}
