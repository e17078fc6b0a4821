using System.Globalization;

namespace Selah.Client.Components.Player;

/// <summary>m:ss (or h:mm:ss) for track times, and words for screen readers.</summary>
public static class TimeFormat
{
    public static string Clock(double? seconds)
    {
        var total = (int)Math.Max(0, Math.Floor(seconds ?? 0));
        var t = TimeSpan.FromSeconds(total);
        return t.TotalHours >= 1
            ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : $"{(int)t.TotalMinutes}:{t.Seconds:00}";
    }

    public static string Spoken(double? seconds)
    {
        var total = (int)Math.Max(0, Math.Floor(seconds ?? 0));
        var minutes = total / 60;
        var rest = total % 60;
        return minutes > 0 ? $"{minutes} min {rest} s" : $"{rest} s";
    }

    /// <summary>"1 hr 4 min" or "12 min" for album lengths.</summary>
    public static string Long(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours} hr {t.Minutes} min" : $"{Math.Max(1, (int)Math.Round(t.TotalMinutes))} min";
    }
}
