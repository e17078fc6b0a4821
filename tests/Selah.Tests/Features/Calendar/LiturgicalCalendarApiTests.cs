using System.Text.Json;
using Selah.Contracts.Calendar;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Calendar;

public sealed class LiturgicalCalendarApiTests(SelahFactory factory) : IClassFixture<SelahFactory>
{
    [Fact]
    public async Task Year_2024_has_its_feasts_as_plain_dates()
    {
        using var client = factory.CreateClient();

        var body = await (await client.GetAsync("/api/v1/calendar/liturgical/2024")).ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(2024, json.GetProperty("year").GetInt32());
        Assert.Equal("2024-03-31", json.GetProperty("easter").GetString());
        Assert.Equal("2024-02-14", json.GetProperty("ashWednesday").GetString());
        Assert.Equal("2024-03-24", json.GetProperty("palmSunday").GetString());
        Assert.Equal("2024-03-29", json.GetProperty("goodFriday").GetString());
        Assert.Equal("2024-05-09", json.GetProperty("ascension").GetString());
        Assert.Equal("2024-05-19", json.GetProperty("pentecost").GetString());
        Assert.Equal("2024-05-26", json.GetProperty("trinitySunday").GetString());
        Assert.Equal("2024-12-01", json.GetProperty("firstSundayOfAdvent").GetString());
        Assert.Equal("2024-12-25", json.GetProperty("christmas").GetString());
        Assert.Equal("2024-01-06", json.GetProperty("epiphany").GetString());
        var first = json.GetProperty("seasons")[0];
        Assert.Equal("Christmas", first.GetProperty("name").GetString());
        Assert.Equal("2024-01-01", first.GetProperty("start").GetString());
        Assert.Equal("2024-01-05", first.GetProperty("end").GetString());
        Assert.Equal("white", first.GetProperty("color").GetString());
    }

    [Theory]
    [InlineData(2025, "2025-04-20", "2025-11-30")]
    [InlineData(2026, "2026-04-05", "2026-11-29")]
    [InlineData(2027, "2027-03-28", "2027-11-28")]
    [InlineData(2038, "2038-04-25", "2038-11-28")]
    [InlineData(2285, "2285-03-22", "2285-11-29")]
    [InlineData(1583, "1583-04-10", "1583-11-27")]
    [InlineData(4099, "4099-04-19", "4099-11-29")]
    public async Task Easter_and_Advent_of_known_years(int year, string easter, string advent)
    {
        using var client = factory.CreateClient();

        var result = await (await client.GetAsync($"/api/v1/calendar/liturgical/{year}")).ReadJsonAsync<LiturgicalYearResponse>();

        Assert.Equal(DateOnly.Parse(easter), result.Easter);
        Assert.Equal(DateOnly.Parse(advent), result.FirstSundayOfAdvent);
        Assert.Equal(DayOfWeek.Sunday, result.FirstSundayOfAdvent.DayOfWeek);
    }

    [Fact]
    public async Task Seasons_of_2026_in_order_with_colours()
    {
        using var client = factory.CreateClient();

        var result = await (await client.GetAsync("/api/v1/calendar/liturgical/2026")).ReadJsonAsync<LiturgicalYearResponse>();

        var expected = new LiturgicalSeason[]
        {
            new("Christmas", new(2026, 1, 1), new(2026, 1, 5), "white"),
            new("Epiphany", new(2026, 1, 6), new(2026, 2, 17), "green"),
            new("Lent", new(2026, 2, 18), new(2026, 3, 28), "purple"),
            new("Holy Week", new(2026, 3, 29), new(2026, 4, 4), "red"),
            new("Easter", new(2026, 4, 5), new(2026, 5, 24), "white"),
            new("Ordinary Time", new(2026, 5, 25), new(2026, 11, 28), "green"),
            new("Advent", new(2026, 11, 29), new(2026, 12, 24), "purple"),
            new("Christmas", new(2026, 12, 25), new(2026, 12, 31), "white"),
        };
        Assert.Equal(expected, result.Seasons);
    }

    [Theory]
    [InlineData("1582")]
    [InlineData("4100")]
    [InlineData("0")]
    [InlineData("-2024")]
    [InlineData("abc")]
    [InlineData("20240")]
    public async Task Years_outside_1583_to_4099_are_validation_problems(string year)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/v1/calendar/liturgical/{year}");

        await response.ShouldBeValidationProblemAsync("year");
    }

    [Theory]
    [InlineData("2026-12-27", "Christmas", "white", "2026-12-25", "2027-01-05", "Epiphany", "2027-01-06")]
    [InlineData("2027-01-02", "Christmas", "white", "2026-12-25", "2027-01-05", "Epiphany", "2027-01-06")]
    [InlineData("2026-03-01", "Lent", "purple", "2026-02-18", "2026-03-28", "Palm Sunday", "2026-03-29")]
    [InlineData("2026-04-05", "Easter", "white", "2026-04-05", "2026-05-24", "Ascension", "2026-05-14")]
    [InlineData("2026-05-24", "Easter", "white", "2026-04-05", "2026-05-24", "Trinity Sunday", "2026-05-31")]
    [InlineData("2026-04-03", "Holy Week", "red", "2026-03-29", "2026-04-04", "Easter", "2026-04-05")]
    [InlineData("2026-07-14", "Ordinary Time", "green", "2026-05-25", "2026-11-28", "First Sunday of Advent", "2026-11-29")]
    [InlineData("2026-12-01", "Advent", "purple", "2026-11-29", "2026-12-24", "Christmas", "2026-12-25")]
    [InlineData("2026-01-20", "Epiphany", "green", "2026-01-06", "2026-02-17", "Ash Wednesday", "2026-02-18")]
    public async Task Current_season_of_a_date(string date, string name, string color, string start, string end, string feast, string feastDate)
    {
        using var client = factory.CreateClient();

        var result = await (await client.GetAsync($"/api/v1/calendar/liturgical/current?date={date}")).ReadJsonAsync<CurrentSeasonResponse>();

        Assert.Equal(DateOnly.Parse(date), result.Date);
        Assert.Equal(name, result.Name);
        Assert.Equal(color, result.Color);
        Assert.Equal(DateOnly.Parse(start), result.Start);
        Assert.Equal(DateOnly.Parse(end), result.End);
        Assert.Equal(new LiturgicalFeast(feast, DateOnly.Parse(feastDate)), result.NextFeast);
    }

    [Fact]
    public async Task Current_season_defaults_to_today_and_today_is_an_alias()
    {
        factory.Clock.UtcNow = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        using var client = factory.CreateClient();

        var current = await (await client.GetAsync("/api/v1/calendar/liturgical/current")).ReadJsonAsync<CurrentSeasonResponse>();
        var today = await (await client.GetAsync("/api/v1/calendar/liturgical/today")).ReadJsonAsync<CurrentSeasonResponse>();

        Assert.Equal(new DateOnly(2026, 12, 2), current.Date);
        Assert.Equal("Advent", current.Name);
        Assert.Equal(current, today);
    }

    [Fact]
    public async Task Last_supported_day_has_no_next_feast()
    {
        using var client = factory.CreateClient();

        var result = await (await client.GetAsync("/api/v1/calendar/liturgical/current?date=4099-12-31")).ReadJsonAsync<CurrentSeasonResponse>();

        Assert.Equal("Christmas", result.Name);
        Assert.Null(result.NextFeast);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("yesterday")]
    [InlineData("1582-12-31")]
    [InlineData("4100-01-01")]
    [InlineData("2026-1-5")]
    public async Task Bad_dates_are_validation_problems(string date)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/api/v1/calendar/liturgical/current?date={date}");

        await response.ShouldBeValidationProblemAsync("date");
    }
}
