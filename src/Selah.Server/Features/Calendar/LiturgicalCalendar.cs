using Selah.Contracts.Calendar;

namespace Selah.Server.Features.Calendar;

/// <summary>
/// The Western liturgical calendar for Gregorian years 1583–4099.
/// <para>Feasts: Easter by the Gregorian computus (the anonymous "Meeus/Jones/Butcher" algorithm); Ash Wednesday = Easter − 46
/// days; Palm Sunday = Easter − 7; Good Friday = Easter − 2; Ascension = Easter + 39 (Thursday); Pentecost = Easter + 49;
/// Trinity Sunday = Easter + 56; the first Sunday of Advent is the fourth Sunday before Christmas (27 November – 3 December);
/// Christmas 25 December; Epiphany 6 January.</para>
/// <para>Seasons, in order, each running to the day before the next begins:
/// Christmas (white, 25 Dec – 5 Jan), Epiphany (the season after Epiphany, green, 6 Jan – Shrove Tuesday),
/// Lent (purple, Ash Wednesday – the Saturday before Palm Sunday), Holy Week (red, Palm Sunday – Holy Saturday),
/// Easter (white, Easter Day – Pentecost), Ordinary Time (the season after Pentecost, green, until the Saturday before
/// Advent), Advent (purple, Advent Sunday – 24 Dec), then Christmas again.</para>
/// </summary>
public static class LiturgicalCalendar
{
    public const int MinYear = 1583;
    public const int MaxYear = 4099;

    public const string Purple = "purple";
    public const string White = "white";
    public const string Green = "green";
    public const string Red = "red";

    public static bool IsSupported(int year) => year is >= MinYear and <= MaxYear;

    /// <summary>Easter Sunday (Western, Gregorian calendar).</summary>
    public static DateOnly Easter(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>The fourth Sunday before Christmas.</summary>
    public static DateOnly FirstSundayOfAdvent(int year)
    {
        var christmas = new DateOnly(year, 12, 25);
        var back = christmas.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)christmas.DayOfWeek;
        return christmas.AddDays(-(back + 21));
    }

    public static LiturgicalYearResponse Year(int year)
    {
        if (!IsSupported(year))
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Years {MinYear}–{MaxYear} are supported.");
        }

        var easter = Easter(year);
        var advent = FirstSundayOfAdvent(year);
        var seasons = new List<LiturgicalSeason>(8);
        foreach (var season in SeasonsOf(year))
        {
            var start = season.Start.Year < year ? new DateOnly(year, 1, 1) : season.Start;
            var end = season.End.Year > year ? new DateOnly(year, 12, 31) : season.End;
            seasons.Add(season with { Start = start, End = end });
        }

        return new LiturgicalYearResponse(
            year, easter, easter.AddDays(-46), easter.AddDays(-7), easter.AddDays(-2), easter.AddDays(39), easter.AddDays(49),
            easter.AddDays(56), advent, new DateOnly(year, 12, 25), new DateOnly(year, 1, 6), seasons);
    }

    /// <summary>The principal feasts of a year, in date order.</summary>
    public static IReadOnlyList<LiturgicalFeast> Feasts(int year)
    {
        var easter = Easter(year);
        return
        [
            new("Epiphany", new DateOnly(year, 1, 6)),
            new("Ash Wednesday", easter.AddDays(-46)),
            new("Palm Sunday", easter.AddDays(-7)),
            new("Good Friday", easter.AddDays(-2)),
            new("Easter", easter),
            new("Ascension", easter.AddDays(39)),
            new("Pentecost", easter.AddDays(49)),
            new("Trinity Sunday", easter.AddDays(56)),
            new("First Sunday of Advent", FirstSundayOfAdvent(year)),
            new("Christmas", new DateOnly(year, 12, 25)),
        ];
    }

    /// <summary>
    /// The season containing <paramref name="date"/> with its real bounds, and the next feast strictly after the date.
    /// Valid for dates in 1583-01-01 … 4099-12-31.
    /// </summary>
    public static CurrentSeasonResponse Current(DateOnly date)
    {
        if (!IsSupported(date.Year))
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Dates in {MinYear}–{MaxYear} are supported.");
        }

        var season = SeasonsOf(date.Year).First(s => s.Start <= date && date <= s.End);
        var next = Feasts(date.Year).FirstOrDefault(f => f.Date > date)
            ?? (IsSupported(date.Year + 1) ? Feasts(date.Year + 1)[0] : null);
        return new CurrentSeasonResponse(date, season.Name, season.Color, season.Start, season.End, next);
    }

    /// <summary>The seasons touching a calendar year with their real bounds (the first starts 25 Dec of the year before).</summary>
    private static IEnumerable<LiturgicalSeason> SeasonsOf(int year)
    {
        var easter = Easter(year);
        var ashWednesday = easter.AddDays(-46);
        var palmSunday = easter.AddDays(-7);
        var pentecost = easter.AddDays(49);
        var advent = FirstSundayOfAdvent(year);
        var epiphany = new DateOnly(year, 1, 6);
        var christmas = new DateOnly(year, 12, 25);

        yield return new("Christmas", new DateOnly(year - 1, 12, 25), epiphany.AddDays(-1), White);
        yield return new("Epiphany", epiphany, ashWednesday.AddDays(-1), Green);
        yield return new("Lent", ashWednesday, palmSunday.AddDays(-1), Purple);
        yield return new("Holy Week", palmSunday, easter.AddDays(-1), Red);
        yield return new("Easter", easter, pentecost, White);
        yield return new("Ordinary Time", pentecost.AddDays(1), advent.AddDays(-1), Green);
        yield return new("Advent", advent, christmas.AddDays(-1), Purple);
        yield return new("Christmas", christmas, new DateOnly(year + 1, 1, 5), White);
    }
}
