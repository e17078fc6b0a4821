using System.Globalization;
using Selah.Contracts.Calendar;

namespace Selah.Client.Api;

/// <summary>The liturgical calendar (<c>/api/v1/calendar/liturgical</c>): a year's feasts and seasons, and the current season.</summary>
public sealed class CalendarApi(ApiTransport transport)
{
    public Task<LiturgicalYearResponse> GetYearAsync(int year, CancellationToken cancellationToken = default) =>
        transport.GetAsync<LiturgicalYearResponse>($"api/v1/calendar/liturgical/{year.ToString(CultureInfo.InvariantCulture)}", cancellationToken);

    /// <summary>The season of <paramref name="date"/> (the viewer's local date) and the next feast.</summary>
    public Task<CurrentSeasonResponse> GetCurrentAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        transport.GetAsync<CurrentSeasonResponse>(
            $"api/v1/calendar/liturgical/current?date={date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", cancellationToken);
}
