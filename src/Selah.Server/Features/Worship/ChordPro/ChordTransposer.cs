namespace Selah.Server.Features.Worship.ChordPro;

/// <summary>
/// Moves every chord of a sheet by a number of semitones, spelled for the key it lands in (sharps for sharp keys, flats
/// for flat keys); slash basses move too and qualities stay exactly as written. <c>{key}</c> directives are rewritten;
/// a later <c>{key}</c> (a modulation) switches the spelling from there on.
/// </summary>
public static class ChordTransposer
{
    /// <summary>
    /// Transposes by <paramref name="semitones"/>, or — when <paramref name="targetKey"/> is given — by the distance from
    /// the sheet's key to it (then the target is spelled as given, e.g. Gb rather than F#).
    /// </summary>
    public static (ChordSheet Sheet, MusicKey? Key) Transpose(ChordSheet sheet, int semitones, MusicKey? targetKey = null)
    {
        var source = sheet.Key;
        if (source is null)
        {
            return (sheet, null); // nothing to transpose: no key and no chords
        }

        if (targetKey is { } wanted)
        {
            semitones = Note.Mod12(wanted.Tonic.PitchClass - source.Value.Tonic.PitchClass);
            if (semitones > 6)
            {
                semitones -= 12;
            }
        }
        else if (Note.Mod12(semitones) == 0)
        {
            return (sheet, source);
        }

        var firstKey = targetKey is { } t ? t with { Minor = source.Value.Minor } : source.Value.Transpose(semitones);
        var spelling = KeySpelling.For(firstKey);
        var seenKey = false;
        var lines = new List<SheetLine>(sheet.Lines.Count);
        foreach (var line in sheet.Lines)
        {
            switch (line)
            {
                case DirectiveLine { Name: "key" } directive when MusicKey.TryParse(directive.Value, out var written):
                    var moved = seenKey || written != source.Value ? written.Transpose(semitones) : firstKey;
                    seenKey = true;
                    spelling = KeySpelling.For(moved);
                    lines.Add(directive with { Value = moved.ToString(), Changed = true });
                    break;
                case LyricsLine lyrics:
                    lines.Add(lyrics with { Segments = [.. lyrics.Segments.Select(s => s.Chord is { } c ? s with { Chord = c.Transpose(semitones, spelling) } : s)] });
                    break;
                default:
                    lines.Add(line);
                    break;
            }
        }

        return (sheet with { Lines = lines }, firstKey);
    }

    /// <summary>The chords a capo player fingers: the sounding chords moved down <paramref name="capo"/> frets.</summary>
    public static (ChordSheet Sheet, MusicKey? ShapeKey) CapoShapes(ChordSheet sheet, int capo) =>
        capo == 0 ? (sheet, sheet.Key) : Transpose(sheet, -capo);
}

/// <summary>
/// Nashville numbers relative to a key: the tonic is 1; notes outside the scale are written with b or # (b3, b7, #4).
/// A minor key numbers from its own tonic on the natural minor scale. Qualities stay as written (<c>6m7</c>, <c>4maj7</c>),
/// and a slash bass becomes a number too (<c>1/3</c>).
/// </summary>
public static class NashvilleNumbers
{
    private static readonly string[] Major = ["1", "b2", "2", "b3", "3", "4", "#4", "5", "b6", "6", "b7", "7"];
    private static readonly string[] Minor = ["1", "b2", "2", "3", "#3", "4", "#4", "5", "6", "#6", "7", "#7"];

    public static string Degree(MusicKey key, Note note) =>
        (key.Minor ? Minor : Major)[Note.Mod12(note.PitchClass - key.Tonic.PitchClass)];

    public static string Of(MusicKey key, Chord chord) =>
        Degree(key, chord.Root) + chord.Quality + (chord.Bass is { } bass ? "/" + Degree(key, bass) : "");
}
