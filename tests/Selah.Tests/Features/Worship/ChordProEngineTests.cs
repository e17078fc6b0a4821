using Selah.Server.Features.Worship.ChordPro;

namespace Selah.Tests.Features.Worship;

/// <summary>The ChordPro engine without I/O: parsing, errors with line numbers, transposition, capo, Nashville, writing back.</summary>
public sealed class ChordProEngineTests
{
    private const string Amazing = """
        {title: Amazing Grace}
        {st: Traditional}
        {artist: John Newton}
        {key: G}
        {capo: 0}
        {tempo: 72}
        {time: 3/4}
        {define: G base-fret 1 frets 3 2 0 0 0 3}
        # a remark that must survive
        {c: Gently}
        {start_of_verse: Verse 1}
        A[G]mazing [G7]grace how [C]sweet the [G]sound
        That [G]saved a [Em]wretch like [D/F#]me
        {end_of_verse}

        {soc}
        [C]Praise [Cmaj7]him, [Am7]praise [D7sus4]him
        {eoc}
        {sov label="Verse 2"}
        [G]'Twas grace that [D]taught
        {eov}
        {sob}
        [Em]Bridge [Bm7b5]words [E7(#9)]here
        {eob}
        {sot}
        e|--0--[not a chord]--|
        {eot}
        {chorus}
        """;

    [Fact]
    public void Parses_directives_sections_and_chord_segments()
    {
        var sheet = ChordProParser.Parse(Amazing);

        Assert.True(sheet.IsValid, string.Join("; ", sheet.Errors));
        Assert.Equal("Amazing Grace", sheet.Title);
        Assert.Equal("Traditional", sheet.Subtitle);
        Assert.Equal("John Newton", sheet.Artist);
        Assert.Equal("G", sheet.KeyText);
        Assert.Equal("72", sheet.Tempo);
        Assert.Equal("3/4", sheet.Time);
        var first = sheet.Lines.OfType<LyricsLine>().First();
        Assert.Equal(["A", "mazing ", "grace how ", "sweet the ", "sound"], first.Segments.Select(s => s.Lyrics));
        Assert.Equal([null, "G", "G7", "C", "G"], first.Segments.Select(s => s.ChordText));

        var sections = SheetRenderer.Sections(sheet);
        var named = sections.Where(s => s.Code is not null).ToList();
        Assert.Equal(["verse", "chorus", "verse", "bridge", "tab"], named.Select(s => s.Type));
        Assert.Equal(["V1", "C", "V2", "B", "TAB"], named.Select(s => s.Code));
        Assert.Equal(["Verse 1", null, "Verse 2", null, null], named.Select(s => s.Label));
        Assert.IsType<VerbatimLine>(Assert.Single(named[4].Lines)); // tab content is not parsed for chords
    }

    [Fact]
    public void Writing_an_unchanged_sheet_gives_the_same_text()
    {
        var text = Amazing + "\n";

        Assert.Equal(text, ChordProWriter.Write(ChordProParser.Parse(text)));
    }

    [Theory]
    [InlineData("Cmaj7", "C", "maj7", null)]
    [InlineData("F#m7b5", "F#", "m7b5", null)]
    [InlineData("Bbadd9/D", "Bb", "add9", "D")]
    [InlineData("E7(#9)", "E", "7(#9)", null)]
    [InlineData("Dsus4", "D", "sus4", null)]
    [InlineData("C6/9", "C", "6/9", null)]
    [InlineData("Ab/Eb", "Ab", "", "Eb")]
    [InlineData("Gm(maj7)", "G", "m(maj7)", null)]
    [InlineData("C°7", "C", "°7", null)]
    public void Chords_keep_their_quality_exactly_as_written(string text, string root, string quality, string? bass)
    {
        Assert.True(Chord.TryParse(text, out var chord));
        Assert.Equal(root, chord.Root.ToString());
        Assert.Equal(quality, chord.Quality);
        Assert.Equal(bass, chord.Bass?.ToString());
        Assert.Equal(text, chord.ToString());
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("Amazing")]
    [InlineData("H7")]
    [InlineData("am")]
    [InlineData("C/H")]
    [InlineData("Cxyz")]
    public void Words_are_not_chords(string text) => Assert.False(Chord.TryParse(text, out _));

    [Theory]
    [InlineData(1, "[Ab]Amazing [Db]grace [Eb]how [Fm]sweet [Eb/G]the [Bbm7]sound [Dbmaj7]", "Ab")]
    [InlineData(2, "[A]Amazing [D]grace [E]how [F#m]sweet [E/G#]the [Bm7]sound [Dmaj7]", "A")]
    [InlineData(-2, "[F]Amazing [Bb]grace [C]how [Dm]sweet [C/E]the [Gm7]sound [Bbmaj7]", "F")]
    [InlineData(-1, "[F#]Amazing [B]grace [C#]how [D#m]sweet [C#/F]the [G#m7]sound [Bmaj7]", "F#")]
    [InlineData(5, "[C]Amazing [F]grace [G]how [Am]sweet [G/B]the [Dm7]sound [Fmaj7]", "C")]
    public void Transposes_with_the_spelling_of_the_target_key(int semitones, string expected, string key)
    {
        var sheet = ChordProParser.Parse("{key: G}\n[G]Amazing [C]grace [D]how [Em]sweet [D/F#]the [Am7]sound [Cmaj7]\n");

        var (moved, movedKey) = ChordTransposer.Transpose(sheet, semitones);

        Assert.Equal($"{{key: {key}}}\n{expected}\n", ChordProWriter.Write(moved));
        Assert.Equal(key, movedKey?.ToString());
    }

    [Fact]
    public void Minor_keys_use_their_relative_major_signature_and_a_sharp_leading_tone()
    {
        var sheet = ChordProParser.Parse("[Am]Down [F]to the [E7]river [Dm/A]");

        var (down, key) = ChordTransposer.Transpose(sheet, -2);
        var (up, upKey) = ChordTransposer.Transpose(sheet, 2);

        Assert.Equal("Gm", key?.ToString());
        Assert.Equal("[Gm]Down [Eb]to the [D7]river [Cm/G]\n", ChordProWriter.Write(down));
        Assert.Equal("Bm", upKey?.ToString());
        Assert.Equal("[Bm]Down [G]to the [F#7]river [Em/B]\n", ChordProWriter.Write(up));
    }

    [Fact]
    public void Target_key_is_spelled_as_asked_and_a_modulation_switches_spelling()
    {
        var sheet = ChordProParser.Parse("{key: E}\n[E]One [B]two\n{key: F}\n[F]three [Bb]four\n");

        var (gb, key) = ChordTransposer.Transpose(sheet, 0, MusicKey.TryParse("Gb", out var target) ? target : null);
        var (up, _) = ChordTransposer.Transpose(sheet, 1);

        Assert.Equal("Gb", key?.ToString());
        Assert.Equal("{key: Gb}\n[Gb]One [Db]two\n{key: G}\n[G]three [C]four\n", ChordProWriter.Write(gb));
        Assert.Equal("{key: F}\n[F]One [C]two\n{key: F#}\n[F#]three [B]four\n", ChordProWriter.Write(up));
    }

    [Fact]
    public void Transposing_twelve_ways_and_back_returns_the_same_pitches()
    {
        var sheet = ChordProParser.Parse("{key: D}\n[D]a [A/C#]b [Bm7]c [G(add9)]d [Em7b5]e [F#7(#9)]f\n");
        var original = sheet.Chords.Select(c => (c.Root.PitchClass, c.Quality, c.Bass?.PitchClass)).ToList();

        for (var n = -11; n <= 11; n++)
        {
            var (moved, _) = ChordTransposer.Transpose(sheet, n);
            var (back, _) = ChordTransposer.Transpose(ChordProParser.Parse(ChordProWriter.Write(moved)), -n);
            Assert.Equal(original, back.Chords.Select(c => (c.Root.PitchClass, c.Quality, c.Bass?.PitchClass)));
            Assert.All(moved.Chords.Zip(sheet.Chords), pair => Assert.Equal(Note.Mod12(pair.Second.Root.PitchClass + n), pair.First.Root.PitchClass));
        }
    }

    [Fact]
    public void Key_is_inferred_from_the_first_chord_when_there_is_no_key_directive()
    {
        Assert.Equal("Em", ChordProParser.Parse("Intro\n[Em7]Oh [C]Lord").Key?.ToString());
        Assert.Equal("Bb", ChordProParser.Parse("[Bbmaj7]Holy").Key?.ToString());
        Assert.Null(ChordProParser.Parse("No chords at all").Key);
        var (same, key) = ChordTransposer.Transpose(ChordProParser.Parse("No chords"), 3);
        Assert.Null(key);
        Assert.Equal("No chords\n", ChordProWriter.Write(same));
    }

    [Fact]
    public void Capo_gives_the_shapes_below_the_sounding_chords()
    {
        var sheet = ChordProParser.Parse("{key: A}\n[A]Here I [E/G#]am to [F#m]worship [D]\n");

        var (shapes, shapeKey) = ChordTransposer.CapoShapes(sheet, 2);

        Assert.Equal("G", shapeKey?.ToString());
        Assert.Equal(["G", "D/F#", "Em", "C"], shapes.Chords.Select(c => c.ToString()));
    }

    [Fact]
    public void Nashville_numbers_are_relative_to_the_key()
    {
        Assert.True(MusicKey.TryParse("G", out var g));
        Assert.True(MusicKey.TryParse("Am", out var am));
        string Number(MusicKey key, string chord) => NashvilleNumbers.Of(key, Chord.TryParse(chord, out var c) ? c : throw new InvalidOperationException(chord));

        Assert.Equal(["1", "4maj7", "5/7", "6m7", "b7", "2m", "#4m7b5"], new[] { "G", "Cmaj7", "D/F#", "Em7", "F", "Am", "C#m7b5" }.Select(c => Number(g, c)));
        Assert.Equal(["1m", "6", "7", "5"], new[] { "Am", "F", "G", "E" }.Select(c => Number(am, c)));
    }

    [Theory]
    [InlineData("A [G]line\n[Am\nmore", 2, "'[' at column 1 is not closed")]
    [InlineData("[G]fine\nstray ] here", 2, "']' at column 7 has no matching '['")]
    [InlineData("{title: x}\n\n[Hello]world", 3, "'Hello' is not a chord")]
    [InlineData("[]empty", 1, "'[]' holds no chord")]
    [InlineData("{soc}\nwords\n{eov}", 3, "end_of_verse does not match start_of_chorus from line 1")]
    [InlineData("words\n{end_of_chorus}", 2, "end_of_chorus without start_of_chorus")]
    [InlineData("x\n{start_of_verse}\nwords", 2, "start_of_verse is never closed")]
    [InlineData("{soc}\n{sov}\n{eov}\n{eoc}", 2, "start_of_verse inside start_of_chorus from line 1")]
    [InlineData("{key: H}", 1, "'H' is not a key")]
    [InlineData("a\n{capo: twelve}", 2, "capo must be a whole number")]
    [InlineData("{tempo: fast}", 1, "tempo must be a number")]
    [InlineData("{title: open", 1, "not closed with '}'")]
    public void Malformed_input_gives_errors_with_line_numbers(string text, int line, string message)
    {
        var sheet = ChordProParser.Parse(text);

        Assert.False(sheet.IsValid);
        Assert.Contains(sheet.Errors, e => e.Line == line && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Contains(sheet.Errors, e => e.ToString().StartsWith($"line {line}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Overlong_input_and_too_many_errors_are_bounded()
    {
        var huge = ChordProParser.Parse(new string('a', ChordProParser.MaxCharacters + 1));
        var manyLines = ChordProParser.Parse(string.Join('\n', Enumerable.Repeat("la", ChordProParser.MaxLines + 1)));
        var manyErrors = ChordProParser.Parse(string.Join('\n', Enumerable.Repeat("[Xyz]la", 100)));

        Assert.Contains("longer than", Assert.Single(huge.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("more than", Assert.Single(manyLines.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(ChordProParser.MaxErrors + 1, manyErrors.Errors.Count);
        Assert.Contains("80 more errors", manyErrors.Errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Annotations_and_no_chord_marks_are_kept_and_never_transposed()
    {
        var sheet = ChordProParser.Parse("[*Riff]Go [N.C.]stop [G]sing");

        var (moved, _) = ChordTransposer.Transpose(sheet, 2);

        Assert.True(sheet.IsValid);
        Assert.Equal("[*Riff]Go [N.C.]stop [A]sing\n", ChordProWriter.Write(moved));
    }

    [Fact]
    public void Sequences_are_checked_against_the_sections()
    {
        var codes = SheetRenderer.Codes(ChordProParser.Parse(Amazing));

        Assert.Empty(SheetRenderer.CheckSequence("V1 C V2 C B C", codes).Unknown);
        Assert.Empty(SheetRenderer.CheckSequence("v1 c1 v2", codes).Unknown);
        Assert.Equal(["V3", "PC"], SheetRenderer.CheckSequence("V1 V3 PC C", codes).Unknown);
    }

    [Fact]
    public void Random_input_never_throws()
    {
        var random = new Random(20261123);
        const string alphabet = "[]{}:#/ABCDEFGabm7#b()\n\r\t sov{}eoc=\"label\"xyz0123456789";
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[random.Next(0, 200)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var sheet = ChordProParser.Parse(new string(chars));
            if (sheet.IsValid)
            {
                var (moved, _) = ChordTransposer.Transpose(sheet, random.Next(-11, 12));
                ChordProWriter.Write(moved);
                SheetRenderer.Render(moved, moved.Key, 0, null, "nashville");
            }
        }
    }
}
