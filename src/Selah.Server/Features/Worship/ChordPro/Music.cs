using System.Text;
using System.Text.RegularExpressions;

namespace Selah.Server.Features.Worship.ChordPro;

/// <summary>A note name: a letter A–G and an accidental (−1 flat, 0 natural, +1 sharp).</summary>
public readonly record struct Note(char Letter, int Accidental)
{
    private const string Letters = "CDEFGAB";
    private static readonly int[] LetterPitches = [0, 2, 4, 5, 7, 9, 11];

    /// <summary>0 = C … 11 = B.</summary>
    public int PitchClass => Mod12(LetterPitch(Letter) + Accidental);

    public static int LetterPitch(char letter) => LetterPitches[Letters.IndexOf(letter)];

    public static int LetterIndex(char letter) => Letters.IndexOf(letter);

    public static char LetterAt(int index) => Letters[((index % 7) + 7) % 7];

    public static int Mod12(int value) => ((value % 12) + 12) % 12;

    /// <summary>Reads a letter and an optional accidental (<c>#</c>, <c>b</c>, <c>♯</c>, <c>♭</c>) at the start of <paramref name="text"/>.</summary>
    public static bool TryRead(ReadOnlySpan<char> text, out Note note, out int consumed)
    {
        note = default;
        consumed = 0;
        if (text.IsEmpty || text[0] is < 'A' or > 'G')
        {
            return false;
        }

        var accidental = text.Length > 1 ? text[1] switch { '#' or '♯' => 1, 'b' or '♭' => -1, _ => 0 } : 0;
        note = new Note(text[0], accidental);
        consumed = accidental == 0 ? 1 : 2;
        return true;
    }

    public static bool TryParse(string text, out Note note) =>
        TryRead(text, out note, out var consumed) && consumed == text.Length;

    public override string ToString() => Accidental switch { 1 => $"{Letter}#", -1 => $"{Letter}b", _ => Letter.ToString() };
}

/// <summary>
/// A chord symbol: root, quality exactly as written (<c>maj7</c>, <c>m7b5</c>, <c>7(#9)</c>, <c>sus4</c>) and an optional
/// slash bass. Parsing is strict enough to tell "[Am7]" from "[Hello]".
/// </summary>
public sealed partial record Chord(Note Root, string Quality, Note? Bass)
{
    public const int MaxLength = 32;

    // Quality vocabulary: m/min/maj/M/dim/aug/sus/add/no/omit/alt, degrees, alterations, ° ø Δ + -, parentheses, "6/9".
    [GeneratedRegex(@"^(?:maj|Maj|MAJ|min|mi|ma|dim|aug|sus|add|no|omit|alt|m|M|[0-9]|[b#♯♭+\-°øΔ^()]|/(?=[0-9])|,)*$")]
    private static partial Regex QualityPattern();

    /// <summary>The text as written when the chord was parsed; null once transposed (then it is re-spelled).</summary>
    public string? Written { get; init; }

    public static bool TryParse(string text, out Chord chord)
    {
        chord = null!;
        if (text.Length is 0 or > MaxLength || !Note.TryRead(text, out var root, out var consumed))
        {
            return false;
        }

        var rest = text.AsSpan(consumed);
        Note? bass = null;
        var slash = rest.LastIndexOf('/');
        if (slash >= 0 && Note.TryRead(rest[(slash + 1)..], out var b, out var bassLength) && slash + 1 + bassLength == rest.Length)
        {
            bass = b;
            rest = rest[..slash];
        }

        var quality = rest.ToString();
        if (!QualityPattern().IsMatch(quality))
        {
            return false;
        }

        chord = new Chord(root, quality, bass) { Written = text };
        return true;
    }

    /// <summary>Minor when the quality starts with m/min/mi/- but not maj/ma.</summary>
    public bool IsMinor =>
        (Quality.StartsWith('m') && !Quality.StartsWith("ma", StringComparison.Ordinal))
        || Quality.StartsWith("min", StringComparison.OrdinalIgnoreCase) || Quality.StartsWith('-');

    public Chord Transpose(int semitones, KeySpelling spelling) =>
        new(spelling.Name(Root.PitchClass + semitones), Quality, Bass is { } bass ? spelling.Name(bass.PitchClass + semitones) : null);

    public override string ToString() => Written ?? Spell();

    private string Spell()
    {
        var builder = new StringBuilder(MaxLength).Append(Root.ToString()).Append(Quality);
        if (Bass is { } bass)
        {
            builder.Append('/').Append(bass.ToString());
        }

        return builder.ToString();
    }
}

/// <summary>A key: its tonic and whether it is minor (<c>G</c>, <c>Bb</c>, <c>F#m</c>).</summary>
public readonly record struct MusicKey(Note Tonic, bool Minor)
{
    // Conventional key names by pitch class (fewest accidentals; F# over Gb, C#m over Dbm, Ebm over D#m).
    private static readonly string[] MajorNames = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
    private static readonly string[] MinorNames = ["Cm", "C#m", "Dm", "Ebm", "Em", "Fm", "F#m", "Gm", "G#m", "Am", "Bbm", "Bm"];

    public static bool TryParse(string? text, out MusicKey key)
    {
        key = default;
        var value = text?.Trim() ?? "";
        if (!Note.TryRead(value, out var tonic, out var consumed))
        {
            return false;
        }

        var mode = value[consumed..].Trim();
        var minor = mode is "m" or "min" or "mi" or "-" || mode.Equals("minor", StringComparison.OrdinalIgnoreCase);
        if (!minor && mode.Length > 0 && mode is not ("maj" or "M") && !mode.Equals("major", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        key = new MusicKey(tonic, minor);
        return true;
    }

    /// <summary>The key of a chord used as a key: its root, minor when the chord is minor.</summary>
    public static MusicKey Of(Chord chord) => new(chord.Root, chord.IsMinor);

    /// <summary>The conventional name for this key moved by <paramref name="semitones"/>; a flat key stays flat at the tritone (Gb, not F#).</summary>
    public MusicKey Transpose(int semitones)
    {
        var pitch = Note.Mod12(Tonic.PitchClass + semitones);
        var name = Minor ? MinorNames[pitch] : MajorNames[pitch];
        if (pitch == 6 && !Minor && Tonic.Accidental < 0)
        {
            name = "Gb";
        }
        else if (pitch == 3 && Minor && Tonic.Accidental > 0)
        {
            name = "D#m";
        }

        TryParse(name, out var key);
        return key;
    }

    public override string ToString() => Tonic + (Minor ? "m" : "");
}

/// <summary>
/// How to spell each of the 12 pitch classes in a key: diatonic notes as the key signature has them, other notes with
/// the key's accidental (sharps for sharp keys, flats for flat keys; C major and A minor use Db, Eb, F#, Ab, Bb), and
/// the raised leading tone of a minor key as a sharp (G# in A minor). Cb, Fb, E# and B# are written B, E, F and C.
/// </summary>
public sealed class KeySpelling
{
    private static readonly int[] MajorSteps = [0, 2, 4, 5, 7, 9, 11];
    private static readonly string[] SharpNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
    private static readonly string[] FlatNames = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];
    private static readonly string[] NaturalKeyNames = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
    private readonly Note[] _names = new Note[12];

    public MusicKey Key { get; }

    private KeySpelling(MusicKey key)
    {
        Key = key;
        // The signature is that of the relative major for a minor key.
        var tonic = key.Minor ? new Note(Note.LetterAt(Note.LetterIndex(key.Tonic.Letter) + 2), 0) : key.Tonic;
        var tonicPitch = key.Minor ? Note.Mod12(key.Tonic.PitchClass + 3) : key.Tonic.PitchClass;
        if (key.Minor)
        {
            tonic = new Note(tonic.Letter, Accidental(tonic.Letter, tonicPitch));
        }

        var filled = new bool[12];
        var flats = 0;
        var sharps = 0;
        for (var i = 0; i < 7; i++)
        {
            var letter = Note.LetterAt(Note.LetterIndex(tonic.Letter) + i);
            var pitch = Note.Mod12(tonicPitch + MajorSteps[i]);
            var accidental = Accidental(letter, pitch);
            if (accidental is < -1 or > 1)
            {
                continue; // theoretical keys (Fb major): fall back to the table below
            }

            flats += accidental < 0 ? 1 : 0;
            sharps += accidental > 0 ? 1 : 0;
            _names[pitch] = Simplify(new Note(letter, accidental));
            filled[pitch] = true;
        }

        if (key.Minor)
        {
            var leading = Note.Mod12(key.Tonic.PitchClass - 1);
            var letter = Note.LetterAt(Note.LetterIndex(key.Tonic.Letter) - 1);
            if (!filled[leading] && Accidental(letter, leading) is 1)
            {
                _names[leading] = Simplify(new Note(letter, 1));
                filled[leading] = true;
            }
        }

        var table = flats > 0 ? FlatNames : sharps > 0 ? SharpNames : NaturalKeyNames;
        for (var pitch = 0; pitch < 12; pitch++)
        {
            if (!filled[pitch])
            {
                Note.TryParse(table[pitch], out _names[pitch]);
            }
        }
    }

    public static KeySpelling For(MusicKey key) => new(key);

    public Note Name(int pitchClass) => _names[Note.Mod12(pitchClass)];

    private static int Accidental(char letter, int pitch)
    {
        var difference = Note.Mod12(pitch - Note.LetterPitch(letter));
        return difference > 6 ? difference - 12 : difference;
    }

    private static Note Simplify(Note note) => (note.Letter, note.Accidental) switch
    {
        ('C', -1) => new Note('B', 0),
        ('F', -1) => new Note('E', 0),
        ('E', 1) => new Note('F', 0),
        ('B', 1) => new Note('C', 0),
        _ => note,
    };
}
