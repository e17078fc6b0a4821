namespace Selah.Server.Features.Worship.ChordPro;

/// <summary>One source line of a ChordPro sheet, kept so the sheet can be written back faithfully.</summary>
public abstract record SheetLine(int Number);

/// <summary>A blank line (paragraph break).</summary>
public sealed record EmptyLine(int Number) : SheetLine(Number);

/// <summary>A <c>#</c> comment line, kept verbatim.</summary>
public sealed record RemarkLine(int Number, string Text) : SheetLine(Number);

/// <summary>A line inside <c>{start_of_tab}</c> … <c>{end_of_tab}</c> (or another verbatim section), kept verbatim.</summary>
public sealed record VerbatimLine(int Number, string Text) : SheetLine(Number);

/// <summary>
/// A <c>{name: value}</c> directive. <see cref="Name"/> is canonical (<c>t</c> → <c>title</c>); <see cref="Raw"/> is the
/// line as written, used when writing the sheet back unless the value changed.
/// </summary>
public sealed record DirectiveLine(int Number, string Name, string WrittenName, string? Value, string Raw) : SheetLine(Number)
{
    /// <summary>The <c>label="…"</c> attribute or the plain value of a section start (<c>{start_of_verse: Verse 2}</c>).</summary>
    public string? Label { get; init; }

    public bool Changed { get; init; }
}

/// <summary>A lyrics line: segments, each an optional chord followed by the lyrics up to the next chord.</summary>
public sealed record LyricsLine(int Number, IReadOnlyList<Segment> Segments) : SheetLine(Number);

/// <summary>
/// A chord (or <c>N.C.</c>, or a <c>[*annotation]</c>, for which <see cref="Chord"/> is null) and the lyrics after it.
/// </summary>
public sealed record Segment(string? ChordText, Chord? Chord, string Lyrics)
{
    public string? Display => Chord?.ToString() ?? ChordText;
}

/// <summary>A problem found while parsing, with its 1-based line number.</summary>
public sealed record ChordProError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>A parsed sheet: its lines in order, the metadata directives and any parse errors.</summary>
public sealed record ChordSheet(IReadOnlyList<SheetLine> Lines, IReadOnlyList<ChordProError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    public string? Title => Directive("title");

    public string? Subtitle => Directive("subtitle");

    public string? Artist => Directive("artist");

    public string? KeyText => Directive("key");

    public string? Tempo => Directive("tempo");

    public string? Time => Directive("time");

    public int Capo => int.TryParse(Directive("capo"), out var capo) ? capo : 0;

    /// <summary>The first <c>{key}</c>, or the key inferred from the first chord (its root; minor when the chord is minor).</summary>
    public MusicKey? Key
    {
        get
        {
            if (MusicKey.TryParse(KeyText, out var key))
            {
                return key;
            }

            var first = Lines.OfType<LyricsLine>().SelectMany(l => l.Segments).Select(s => s.Chord).FirstOrDefault(c => c is not null);
            return first is null ? null : MusicKey.Of(first);
        }
    }

    public IEnumerable<Chord> Chords => Lines.OfType<LyricsLine>().SelectMany(l => l.Segments).Select(s => s.Chord).OfType<Chord>();

    private string? Directive(string name) =>
        Lines.OfType<DirectiveLine>().FirstOrDefault(d => d.Name == name && !string.IsNullOrWhiteSpace(d.Value))?.Value;
}
