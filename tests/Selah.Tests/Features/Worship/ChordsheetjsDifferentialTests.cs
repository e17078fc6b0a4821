using System.Diagnostics;
using System.Text.Json;
using Selah.Server.Features.Worship.ChordPro;
using Selah.Tests.Testing;
using Xunit.Abstractions;

namespace Selah.Tests.Features.Worship;

/// <summary>
/// Differential test of transposition against the npm <c>chordsheetjs</c> package (tests/tools/chordsheet-transpose.mjs):
/// generated chords over every root spelling × common qualities × slash basses × every shift −11…11, and whole sheets.
/// Every chord's root, bass and quality must be equal modulo enharmonic spelling (C# = Db).
/// </summary>
public sealed class ChordsheetjsDifferentialTests(ITestOutputHelper output)
{
    private static readonly string[] Roots = ["C", "C#", "Db", "D", "D#", "Eb", "E", "F", "F#", "Gb", "G", "G#", "Ab", "A", "A#", "Bb", "B"];
    private static readonly string[] Qualities = ["", "m", "7", "maj7", "m7", "sus4", "sus2", "add9", "m7b5", "dim", "aug", "6", "9", "13", "7sus4", "m9", "dim7", "maj9"];
    private static readonly string[] Basses = ["", "C", "E", "F#", "G", "Bb", "Ab", "D", "B", "Eb"];

    private sealed record Reference(List<string?> Chords, List<string?> Sheets);

    [Fact]
    public async Task Chords_transpose_like_chordsheetjs()
    {
        var cases = new List<(string Chord, int Semitones)>();
        foreach (var root in Roots)
        {
            for (var n = -11; n <= 11; n++)
            {
                cases.Add((root + "maj7", n)); // every root spelling × every shift
            }
        }

        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var bass = Basses[random.Next(Basses.Length)];
            cases.Add((Roots[random.Next(Roots.Length)] + Qualities[random.Next(Qualities.Length)] + (bass.Length > 0 ? "/" + bass : ""), random.Next(-11, 12)));
        }

        var reference = await RunReferenceAsync(new { chords = cases.Select(c => new { chord = c.Chord, semitones = c.Semitones }), sheets = Array.Empty<object>() });

        var mismatches = new List<string>();
        var spellingDiffers = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (text, n) = cases[i];
            Assert.True(Chord.TryParse(text, out var chord), $"generated '{text}' does not parse");
            var target = MusicKey.Of(chord).Transpose(n);
            var ours = chord.Transpose(n, KeySpelling.For(target));
            var theirs = reference.Chords[i];
            if (theirs is null || !Chord.TryParse(theirs, out var other))
            {
                mismatches.Add($"{text} {n:+0;-0}: chordsheetjs gave '{theirs}', ours '{ours}'");
                continue;
            }

            if (!SameChord(ours, other))
            {
                mismatches.Add($"{text} {n:+0;-0}: ours '{ours}', chordsheetjs '{theirs}'");
            }
            else if (ours.ToString() != theirs)
            {
                spellingDiffers++;
            }
        }

        output.WriteLine($"{cases.Count} chords, {mismatches.Count} mismatches, {spellingDiffers} spelled differently (enharmonic)");
        Assert.True(cases.Count >= 300, "a few hundred cases");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cases.Count} differ:\n{string.Join('\n', mismatches.Take(50))}");
    }

    [Fact]
    public async Task Sheets_transpose_like_chordsheetjs()
    {
        string[] sheets =
        [
            "{title: Amazing Grace}\n{key: G}\n{start_of_verse}\nA[G]mazing [G7]grace how [C]sweet the [G]sound\nThat [G]saved a [Em]wretch like [D/F#]me\n{end_of_verse}\n",
            "{key: Bb}\n{soc}\n[Bb]Holy, [F/A]holy, [Gm7]holy, [Ebmaj7]Lord God [F7sus4]Al[F]mighty\n{eoc}\n",
            "{key: Em}\n[Em]Down in the [C]valley [G]where [D/F#]the [B7]river [Am7]runs [Em]\n",
            "[E]How great [A/E]thou [B7]art [C#m7]then [F#m7]sings [Aadd9]my [E/G#]soul\n",
        ];
        var cases = sheets.SelectMany(s => Enumerable.Range(-11, 23).Select(n => (Sheet: s, Semitones: n))).ToList();

        var reference = await RunReferenceAsync(new { chords = Array.Empty<object>(), sheets = cases.Select(c => new { text = c.Sheet, semitones = c.Semitones }) });

        var mismatches = new List<string>();
        var compared = 0;
        for (var i = 0; i < cases.Count; i++)
        {
            var (text, n) = cases[i];
            var (moved, _) = ChordTransposer.Transpose(ChordProParser.Parse(text), n);
            var theirs = reference.Sheets[i];
            Assert.NotNull(theirs);
            var other = ChordProParser.Parse(theirs);
            var ourChords = moved.Chords.ToList();
            var theirChords = other.Chords.ToList();
            compared += ourChords.Count;
            if (ourChords.Count != theirChords.Count || ourChords.Zip(theirChords).Any(p => !SameChord(p.First, p.Second)))
            {
                mismatches.Add($"sheet {i / 23} {n:+0;-0}: ours [{string.Join(' ', ourChords)}], chordsheetjs [{string.Join(' ', theirChords)}]");
            }

            if (MusicKey.TryParse(moved.KeyText, out var ourKey) && MusicKey.TryParse(other.KeyText, out var theirKey)
                && (ourKey.Tonic.PitchClass != theirKey.Tonic.PitchClass || ourKey.Minor != theirKey.Minor))
            {
                mismatches.Add($"sheet {i / 23} {n:+0;-0}: key ours {ourKey}, chordsheetjs {theirKey}");
            }
        }

        output.WriteLine($"{cases.Count} sheets, {compared} chords compared, {mismatches.Count} mismatches");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(50)));
    }

    private static bool SameChord(Chord a, Chord b) =>
        a.Root.PitchClass == b.Root.PitchClass && a.Quality == b.Quality && a.Bass?.PitchClass == b.Bass?.PitchClass;

    private static async Task<Reference> RunReferenceAsync(object request)
    {
        var script = Path.Combine(TestEnvironment.ToolsDirectory, "chordsheet-transpose.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestEnvironment.ToolsDirectory,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(JsonSerializer.Serialize(request));
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"chordsheet-transpose.mjs exited {process.ExitCode}: {await stderr}");
        return JsonSerializer.Deserialize<Reference>(await stdout, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }
}
