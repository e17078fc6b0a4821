using System.Diagnostics;
using Selah.Server.Features.Calendar;
using Selah.Tests.Testing;

namespace Selah.Tests.Features.Calendar;

public sealed class LiturgicalCalendarTests
{
    /// <summary>Every year 1583–4099 against the npm <c>date-easter</c> package (<c>tests/tools/easter-dates.mjs</c>).</summary>
    [Fact]
    public async Task Easter_matches_date_easter_for_every_supported_year()
    {
        var reference = await EasterDatesAsync(LiturgicalCalendar.MinYear, LiturgicalCalendar.MaxYear);
        Assert.Equal(LiturgicalCalendar.MaxYear - LiturgicalCalendar.MinYear + 1, reference.Count);

        var mismatches = new List<string>();
        for (var year = LiturgicalCalendar.MinYear; year <= LiturgicalCalendar.MaxYear; year++)
        {
            var ours = LiturgicalCalendar.Easter(year).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (ours != reference[year - LiturgicalCalendar.MinYear])
            {
                mismatches.Add($"{year}: selah {ours}, date-easter {reference[year - LiturgicalCalendar.MinYear]}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public void Every_year_is_covered_by_contiguous_seasons_and_feasts_fall_on_their_weekdays()
    {
        for (var year = LiturgicalCalendar.MinYear; year <= LiturgicalCalendar.MaxYear; year++)
        {
            var calendar = LiturgicalCalendar.Year(year);
            Assert.Equal(new DateOnly(year, 1, 1), calendar.Seasons[0].Start);
            Assert.Equal(new DateOnly(year, 12, 31), calendar.Seasons[^1].End);
            for (var k = 0; k < calendar.Seasons.Count; k++)
            {
                Assert.True(calendar.Seasons[k].Start <= calendar.Seasons[k].End, $"{year}: {calendar.Seasons[k]} is empty");
                if (k > 0)
                {
                    Assert.Equal(calendar.Seasons[k - 1].End.AddDays(1), calendar.Seasons[k].Start);
                }
            }

            Assert.Equal(DayOfWeek.Sunday, calendar.Easter.DayOfWeek);
            Assert.InRange(calendar.Easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
            Assert.Equal(DayOfWeek.Wednesday, calendar.AshWednesday.DayOfWeek);
            Assert.Equal(DayOfWeek.Friday, calendar.GoodFriday.DayOfWeek);
            Assert.Equal(DayOfWeek.Thursday, calendar.Ascension.DayOfWeek);
            Assert.Equal(DayOfWeek.Sunday, calendar.Pentecost.DayOfWeek);
            Assert.Equal(DayOfWeek.Sunday, calendar.TrinitySunday.DayOfWeek);
            Assert.Equal(DayOfWeek.Sunday, calendar.FirstSundayOfAdvent.DayOfWeek);
            Assert.InRange(calendar.FirstSundayOfAdvent, new DateOnly(year, 11, 27), new DateOnly(year, 12, 3));
        }
    }

    private static async Task<IReadOnlyList<string>> EasterDatesAsync(int first, int last)
    {
        var script = Path.Combine(TestEnvironment.ToolsDirectory, "easter-dates.mjs");
        var start = new ProcessStartInfo("node")
        {
            ArgumentList = { script, first.ToString(System.Globalization.CultureInfo.InvariantCulture), last.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"easter-dates.mjs exited {process.ExitCode}: {await stderr}");
        return (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
