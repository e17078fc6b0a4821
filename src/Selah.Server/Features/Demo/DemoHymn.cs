using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Selah.Server.Features.Demo;

/// <summary>
/// A public-domain hymn for the demo catalogue: its tune as ABC notation (one music line per lyric line) and its text.
/// The tune is played once per stanza; <see cref="ToAbc"/> assembles the full ABC file, <see cref="ToLrc"/> the
/// time-synced lyrics computed from the tempo and the length of each line.
/// </summary>
public sealed partial record DemoHymn
{
    /// <summary>Stable id; the ISRC-like <see cref="Isrc"/> derived from it marks the seeded track (idempotency).</summary>
    public required int Number { get; init; }
    public required string Title { get; init; }
    public required string Tune { get; init; }
    public required string Credits { get; init; }
    public required int Year { get; init; }
    public required string Meter { get; init; }
    public required string Key { get; init; }
    /// <summary>Quarter notes per minute.</summary>
    public required int Tempo { get; init; }
    /// <summary>General MIDI program (0-based): 19 church organ, 52 choir aahs, 48 strings, 0 piano…</summary>
    public required int Program { get; init; }
    /// <summary>ABC music lines with <c>L:1/4</c>, one per lyric line.</summary>
    public required IReadOnlyList<string> Music { get; init; }
    public required IReadOnlyList<IReadOnlyList<string>> Stanzas { get; init; }
    public required IReadOnlyList<string> Scripture { get; init; }
    public required IReadOnlyList<string> Themes { get; init; }
    public required IReadOnlyList<string> Moods { get; init; }
    public required IReadOnlyList<string> Genres { get; init; }
    public required string Artist { get; init; }
    public required string Album { get; init; }
    public required int TrackNumber { get; init; }

    /// <summary>Verses tied to lyric lines (index over all lines, stanza by stanza): written as <c>[bible:…]</c> after the line.</summary>
    public IReadOnlyDictionary<int, string> VerseCues { get; init; } = new Dictionary<int, string>();

    /// <summary>Beats of rest between stanzas (a breath).</summary>
    public const int RestBetweenStanzas = 2;

    public string Isrc => $"ZZSLH26{Number:D5}";

    public string Lyrics => string.Join("\n\n", Stanzas.Select(s => string.Join("\n", s)));

    public string ToAbc()
    {
        var abc = new StringBuilder();
        // M:none: the transcriptions carry a bar line per phrase, not per measure (pickups), so abc2midi does no bar checks.
        abc.Append(CultureInfo.InvariantCulture, $"X:{Number}\nT:{Title}\nT:{Tune}\nC:{Credits}\n%%meter {Meter}\nM:none\nL:1/4\nQ:1/4={Tempo}\n");
        abc.Append(CultureInfo.InvariantCulture, $"%%MIDI program {Program}\n");
        abc.Append(CultureInfo.InvariantCulture, $"K:{Key}\n");
        for (var stanza = 0; stanza < Stanzas.Count; stanza++)
        {
            foreach (var line in Music)
            {
                abc.Append(line).Append('\n');
            }

            abc.Append(stanza == Stanzas.Count - 1 ? "z2 |]\n" : $"z{RestBetweenStanzas} ||\n");
        }

        return abc.ToString();
    }

    /// <summary>Seconds at which each lyric line starts, stanza by stanza.</summary>
    public IReadOnlyList<(double Seconds, string Line)> Timings()
    {
        var secondsPerBeat = 60.0 / Tempo;
        var lineBeats = Music.Select(Beats).ToList();
        var stanzaBeats = lineBeats.Sum() + RestBetweenStanzas;
        var timings = new List<(double, string)>();
        for (var stanza = 0; stanza < Stanzas.Count; stanza++)
        {
            var beat = stanza * stanzaBeats;
            for (var line = 0; line < Stanzas[stanza].Count; line++)
            {
                timings.Add((beat * secondsPerBeat, Stanzas[stanza][line]));
                beat += lineBeats[line];
            }
        }

        return timings;
    }

    /// <summary>Length of the music in seconds (without the synthesiser's release tail).</summary>
    public double MusicSeconds => (Music.Sum(Beats) * Stanzas.Count + RestBetweenStanzas * (Stanzas.Count - 1)) * 60.0 / Tempo;

    public string ToLrc()
    {
        var lrc = new StringBuilder();
        lrc.Append(CultureInfo.InvariantCulture, $"[ti:{Title}]\n[ar:{Artist}]\n[al:{Album}]\n");
        foreach (var ((seconds, line), index) in Timings().Select((t, i) => (t, i)))
        {
            var centiseconds = (int)Math.Round(seconds * 100);
            lrc.Append(CultureInfo.InvariantCulture, $"[{centiseconds / 6000:D2}:{centiseconds / 100 % 60:D2}.{centiseconds % 100:D2}]{line}\n");
            if (VerseCues.TryGetValue(index, out var verse))
            {
                lrc.Append(CultureInfo.InvariantCulture, $"[bible:{verse}]\n");
            }
        }

        return lrc.ToString();
    }

    /// <summary>Beats (quarter notes) in one ABC music line with <c>L:1/4</c>: notes and rests with their length suffixes.</summary>
    public static double Beats(string line)
    {
        var music = Annotations().Replace(line, "");
        double beats = 0;
        foreach (Match note in Note().Matches(music))
        {
            var numerator = note.Groups["num"].Length > 0 ? int.Parse(note.Groups["num"].Value, CultureInfo.InvariantCulture) : 1;
            var slashes = note.Groups["slash"].Length;
            double length = numerator;
            if (slashes > 0)
            {
                length /= note.Groups["den"].Length > 0 ? int.Parse(note.Groups["den"].Value, CultureInfo.InvariantCulture) : Math.Pow(2, slashes);
            }

            beats += length;
        }

        return beats;
    }

    [GeneratedRegex("\"[^\"]*\"|![^!]*!")]
    private static partial Regex Annotations();

    [GeneratedRegex("[_^=]*[A-Ga-gz][,']*(?<num>[0-9]*)(?<slash>/*)(?<den>[0-9]*)")]
    private static partial Regex Note();
}
