using System.Globalization;

namespace Mlops.Core.Datasets;

/// <summary>
/// A date written as two one- or two-digit numbers and a four-digit year, with the same separator twice ('/', '.' or
/// '-'), optionally followed by a time after a space or 'T': 28/10/2022, 1.2.2023, 10-28-2022 14:30. Which of the two
/// numbers is the day is what <see cref="DateOrder"/> says; the year must have four digits, so "1.5" or "3/4" never
/// pass for dates.
/// </summary>
internal readonly record struct NumericDate(int First, int Second, int Year, int TimeStart)
{
    /// <summary>A day-first date's reading could only be day-first (the first number is over 12, the second is not).</summary>
    public bool OnlyDayFirst => First > 12 && Second <= 12;

    /// <summary>A date that could only be month-first (the second number is over 12, the first is not).</summary>
    public bool OnlyMonthFirst => Second > 12 && First <= 12;

    public static bool TryRead(ReadOnlySpan<char> cell, out NumericDate date)
    {
        date = default;
        cell = cell.Trim();
        var at = 0;
        if (!TryNumber(cell, ref at, 2, out var first) || at >= cell.Length || cell[at] is not ('/' or '.' or '-'))
        {
            return false;
        }

        var separator = cell[at++];
        if (!TryNumber(cell, ref at, 2, out var second) || at >= cell.Length || cell[at] != separator)
        {
            return false;
        }

        at++;
        var yearStart = at;
        if (!TryNumber(cell, ref at, 4, out var year) || at - yearStart != 4 || year < 1
            || first is < 1 or > 31 || second is < 1 or > 31 || (first > 12 && second > 12))
        {
            return false;
        }

        if (at < cell.Length && cell[at] is not (' ' or 'T'))
        {
            return false;
        }

        date = new NumericDate(first, second, year, at);
        return true;
    }

    /// <summary>The date in ISO 8601 (yyyy-MM-dd and the time as written) read in <paramref name="order"/>; null when no such day exists.</summary>
    public string? ToIso(ReadOnlySpan<char> cell, DateOrder order)
    {
        var (day, month) = order == DateOrder.DayFirst ? (First, Second) : (Second, First);
        if (month > 12 || day > DateTime.DaysInMonth(Year, month))
        {
            return null;
        }

        var time = cell.Trim()[TimeStart..];
        return string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{month:D2}-{day:D2}{time}");
    }

    private static bool TryNumber(ReadOnlySpan<char> text, ref int at, int maxDigits, out int value)
    {
        value = 0;
        var start = at;
        while (at < text.Length && at - start < maxDigits && char.IsAsciiDigit(text[at]))
        {
            value = (value * 10) + (text[at++] - '0');
        }

        return at > start && (at >= text.Length || !char.IsAsciiDigit(text[at]));
    }
}
