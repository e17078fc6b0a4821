namespace Selah.Contracts.Calendar;

/// <summary>
/// A liturgical season: <c>Name</c> (Advent, Christmas, Epiphany, Lent, Holy Week, Easter, Ordinary Time), first and last day
/// (inclusive) and liturgical colour (<c>purple</c>, <c>white</c>, <c>green</c>, <c>red</c>).
/// </summary>
public sealed record LiturgicalSeason(string Name, DateOnly Start, DateOnly End, string Color);

/// <summary>
/// The principal feasts of a year (Western, Gregorian computus) and its seasons. <c>Seasons</c> covers 1 January to
/// 31 December without gaps or overlaps: the Christmas season at either end is cut at the year boundary.
/// </summary>
public sealed record LiturgicalYearResponse(
    int Year,
    DateOnly Easter,
    DateOnly AshWednesday,
    DateOnly PalmSunday,
    DateOnly GoodFriday,
    DateOnly Ascension,
    DateOnly Pentecost,
    DateOnly TrinitySunday,
    DateOnly FirstSundayOfAdvent,
    DateOnly Christmas,
    DateOnly Epiphany,
    IReadOnlyList<LiturgicalSeason> Seasons);

/// <summary>A feast day: name and date.</summary>
public sealed record LiturgicalFeast(string Name, DateOnly Date);

/// <summary>
/// The season a date falls in, with the season's real first and last day (the Christmas season runs 25 December to
/// 5 January across the new year), and the next principal feast after the date (null past 4099).
/// </summary>
public sealed record CurrentSeasonResponse(DateOnly Date, string Name, string Color, DateOnly Start, DateOnly End, LiturgicalFeast? NextFeast);
