namespace Selah.Client.Pages.Worship;

/// <summary>Moves a key name (G, Bb, F#m) by semitones, spelled the way musicians write keys.</summary>
public static class KeyMath
{
    private static readonly string[] Major = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
    private static readonly string[] Minor = ["Cm", "C#m", "Dm", "Ebm", "Em", "Fm", "F#m", "Gm", "G#m", "Am", "Bbm", "Bm"];

    public static bool TryPitch(string? key, out int pitch, out bool minor)
    {
        pitch = 0;
        minor = false;
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        var text = key.Trim();
        var letter = char.ToUpperInvariant(text[0]);
        var index = "CDEFGAB".IndexOf(letter, StringComparison.Ordinal);
        if (index < 0)
        {
            return false;
        }

        pitch = new[] { 0, 2, 4, 5, 7, 9, 11 }[index];
        var rest = text[1..];
        while (rest.Length > 0 && rest[0] is '#' or 'b' or '♯' or '♭')
        {
            pitch += rest[0] is '#' or '♯' ? 1 : -1;
            rest = rest[1..];
        }

        minor = rest.StartsWith('m') && !rest.StartsWith("maj", StringComparison.Ordinal);
        pitch = ((pitch % 12) + 12) % 12;
        return true;
    }

    /// <summary>The key <paramref name="semitones"/> above (or below) <paramref name="key"/>; null when the key is unknown.</summary>
    public static string? Transpose(string? key, int semitones)
    {
        if (!TryPitch(key, out var pitch, out var minor))
        {
            return null;
        }

        var target = (((pitch + semitones) % 12) + 12) % 12;
        return minor ? Minor[target] : Major[target];
    }

    /// <summary>Semitones from one key up to another (0–11), or 0 when either is unknown.</summary>
    public static int Distance(string? from, string? to) =>
        TryPitch(from, out var a, out _) && TryPitch(to, out var b, out _) ? (((b - a) % 12) + 12) % 12 : 0;
}
