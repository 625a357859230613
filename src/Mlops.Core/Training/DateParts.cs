using System.Globalization;

namespace Mlops.Core.Training;

/// <summary>
/// The parts of a date a model can use, each one numeric feature: year, month, day of month, day of week (Sunday 0) and
/// hour, then the days since 2000-01-01 (a trend a linear model can follow, and the only part that keeps counting
/// past the training data) and a weekend flag (the weekly cycle, which a linear model cannot read off a weekday number
/// whose weekend sits at both ends). A schema records how many of them its models read (<see
/// cref="Datasets.DatasetSchema.DatePartCount"/>), so a model registered before the last two were added keeps its five.
/// </summary>
internal static class DateParts
{
    /// <summary>The parts of schemas recorded before the trend and the weekend flag.</summary>
    public const int Legacy = 5;

    /// <summary>The parts every new schema records.</summary>
    public const int Current = 7;

    private const DateTimeStyles Styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;

    private static readonly DateTime Epoch = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The first <c>parts.Length</c> parts of a raw date, in UTC (a time without an offset is taken as UTC), so the same
    /// instant gives the same features wherever the model runs.
    /// </summary>
    public static bool TryParse(string? raw, Span<float> parts)
    {
        if (!TryParseUtc(raw, out var value))
        {
            return false;
        }

        Fill(value, parts);
        return true;
    }

    /// <summary>The instant a raw date names, in UTC (a time without an offset is taken as UTC).</summary>
    public static bool TryParseUtc(ReadOnlySpan<char> raw, out DateTime value) =>
        DateTime.TryParse(raw, CultureInfo.InvariantCulture, Styles, out value);

    /// <summary>The first <c>parts.Length</c> parts of a UTC instant.</summary>
    public static void Fill(DateTime value, Span<float> parts)
    {
        parts[0] = value.Year;
        parts[1] = value.Month;
        parts[2] = value.Day;
        parts[3] = (int)value.DayOfWeek;
        parts[4] = value.Hour;
        if (parts.Length > Legacy)
        {
            parts[5] = (float)(value - Epoch).TotalDays;
            parts[6] = value.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1 : 0;
        }
    }

    /// <summary>What the parts are, for a manifest's description of the model's inputs.</summary>
    public static string Describe(int count) => count > Legacy
        ? "the date in UTC as year, month, day, day of week (Sunday 0), hour, days since 2000-01-01 (fractional), weekend (1 on Saturday and Sunday, else 0)"
        : "the date in UTC as year, month, day, day of week (Sunday 0), hour";
}
