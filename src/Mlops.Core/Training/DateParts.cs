using System.Globalization;

namespace Mlops.Core.Training;

/// <summary>The parts of a date a model can use: each becomes one numeric feature.</summary>
internal static class DateParts
{
    public const int Count = 5;

    private const DateTimeStyles Styles = DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;

    /// <summary>
    /// Year, month, day of month, day of week and hour, in UTC (a time without an offset is taken as UTC), so the
    /// same instant gives the same features wherever the model runs.
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

    /// <summary>The parts of a UTC instant.</summary>
    public static void Fill(DateTime value, Span<float> parts)
    {
        parts[0] = value.Year;
        parts[1] = value.Month;
        parts[2] = value.Day;
        parts[3] = (int)value.DayOfWeek;
        parts[4] = value.Hour;
    }
}
