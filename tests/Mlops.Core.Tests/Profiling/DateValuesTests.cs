using Mlops.Core.Profiling;

namespace Mlops.Core.Tests.Profiling;

public class DateValuesTests
{
    [Theory]
    [InlineData("2024-02-29", "2024-02-29T00:00:00.0000000")]
    [InlineData("2024-02-29T13:45", "2024-02-29T13:45:00.0000000")]
    [InlineData("2024-02-29 13:45:07", "2024-02-29T13:45:07.0000000")]
    [InlineData("2024-02-29T13:45:07.25", "2024-02-29T13:45:07.2500000")]
    [InlineData("2024-02-29T13:45:07Z", "2024-02-29T13:45:07.0000000Z")]
    [InlineData("2024-02-29T13:45:07+02:00", "2024-02-29T11:45:07.0000000Z")]
    [InlineData("2024-02-29T00:30:00-0100", "2024-02-29T01:30:00.0000000Z")]
    [InlineData("03/15/2024", "2024-03-15T00:00:00.0000000")]
    [InlineData("09 Apr 2023", "2023-04-09T00:00:00.0000000")]
    [InlineData("April 9, 2023", "2023-04-09T00:00:00.0000000")]
    [InlineData("09-Apr-23", "2023-04-09T00:00:00.0000000")]
    [InlineData("9 September 2023 14:30", "2023-09-09T14:30:00.0000000")]
    [InlineData("Mon, 10 Apr 2023", "2023-04-10T00:00:00.0000000")]
    public void TryParse_DatesAndTimes(string text, string expected)
    {
        Assert.True(DateValues.TryParse(text, out var date));
        Assert.Equal(expected, date.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("2023-02-29")]
    [InlineData("2024-13-01")]
    [InlineData("2024-01-01T25:00")]
    [InlineData("1-2")]
    [InlineData("3.5")]
    [InlineData("20240101")]
    [InlineData("red")]
    [InlineData("2024-01-01Tnoon")]
    [InlineData("10:30:00.1234")] // a time of day alone: the parser would date it today
    [InlineData("23:59:59.9999999")]
    [InlineData("may be 2 of them")]
    [InlineData("March Madness 2023")]
    [InlineData("Apr 2023 report")]
    public void TryParse_NotDates(string text)
    {
        Assert.False(DateValues.TryParse(text, out _));
    }

    [Theory]
    [InlineData("09 Apr 2023")]
    [InlineData("April 9, 2023")]
    [InlineData("09-Apr-23")]
    public void AMonthNamedDate_ReadsAsTheSameDayInTraining(string text)
    {
        // The gate calls the column a date only if training and serving read each cell as the same day.
        Assert.True(DateValues.TryParse(text, out var profiled));
        Assert.True(Mlops.Core.Training.DateParts.TryParseUtc(text, out var trained));
        Assert.Equal(profiled.Date, trained.Date);
    }
}
