using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Selah.Contracts.Calendar;
using Selah.Server.Infrastructure.Web;

namespace Selah.Server.Features.Calendar;

public static class CalendarApi
{
    /// <summary>Anonymous, computed (no database): the liturgical year and the current season.</summary>
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calendar/liturgical").WithTags("Calendar").AddEndpointFilter<ValidationFilter>()
            .ProducesValidationProblem();
        group.MapGet("/current", GetCurrentSeason).WithName("GetCurrentLiturgicalSeason")
            .WithSummary("The liturgical season of a date (default: today, UTC) and the next feast.")
            .WithDescription("Pass the viewer's local date as ?date=YYYY-MM-DD; dates in 1583–4099.");
        group.MapGet("/today", GetCurrentSeason).ExcludeFromDescription();
        group.MapGet("/{year}", GetYear).WithName("GetLiturgicalYear")
            .WithSummary("The principal feasts and the seasons of a year (Western, Gregorian computus, 1583–4099).")
            .WithDescription("Seasons cover 1 January to 31 December contiguously: Christmas (white), Epiphany (green), Lent (purple), " +
                "Holy Week (red), Easter (white, through Pentecost), Ordinary Time (green), Advent (purple), Christmas (white).");
        return app;
    }

    public static Results<Ok<LiturgicalYearResponse>, ValidationProblem> GetYear(string year)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || !LiturgicalCalendar.IsSupported(value))
        {
            return Problems.Field("year", $"Year must be a number from {LiturgicalCalendar.MinYear} to {LiturgicalCalendar.MaxYear}.");
        }

        return TypedResults.Ok(LiturgicalCalendar.Year(value));
    }

    public static Results<Ok<CurrentSeasonResponse>, ValidationProblem> GetCurrentSeason(string? date, TimeProvider clock)
    {
        DateOnly day;
        if (string.IsNullOrEmpty(date))
        {
            day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return Problems.Field("date", "Date must be written YYYY-MM-DD.");
        }

        if (!LiturgicalCalendar.IsSupported(day.Year))
        {
            return Problems.Field("date", $"Date must fall in the years {LiturgicalCalendar.MinYear} to {LiturgicalCalendar.MaxYear}.");
        }

        return TypedResults.Ok(LiturgicalCalendar.Current(day));
    }
}
