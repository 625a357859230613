using System.Globalization;

namespace Mlops.Core.Profiling;

/// <summary>
/// Recognizes date and date-time cells: ISO 8601 (yyyy-MM-dd, then optionally 'T' or a space, HH:mm[:ss[.fraction]]
/// and Z or an offset) by hand, since a date column is checked cell by cell; other forms through the invariant
/// culture's parser (the one training and serving read dates with), but only with a four-digit year and a date
/// separator, so that "1-2" or "3.5" never pass for dates, or with an English month's name ("09 Apr 2023",
/// "April 9, 2023", and Excel's "09-Apr-23"), which numbers never have.
/// </summary>
internal static class DateValues
{
    private static readonly string[] Months =
    [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    ];

    public static bool TryParse(ReadOnlySpan<char> value, out DateTime date)
    {
        if (TryParseIso(value, out date))
        {
            return true;
        }

        if (value.Length is < 8 or > 40 || !((HasFourDigitYear(value) && value.IndexOfAny("-/:") >= 0) || NamesAMonth(value)))
        {
            date = default;
            return false;
        }

        // NoCurrentDateDefault: a time of day alone ("10:30:00.1234") would otherwise be dated today, and the same
        // file would profile differently tomorrow; it parses to year 1 instead and is refused.
        return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.NoCurrentDateDefault, out date)
            && date.Year > 1;
    }

    private static bool TryParseIso(ReadOnlySpan<char> s, out DateTime date)
    {
        date = default;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s[5..7], out var month) || !TryDigits(s[8..10], out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        if (s.Length == 10)
        {
            return true;
        }

        // Time: "THH:mm", optionally ":ss" and a fraction.
        if (s.Length < 16 || s[10] is not ('T' or ' ') || s[13] != ':'
            || !TryDigits(s[11..13], out var hour) || !TryDigits(s[14..16], out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        var ticks = (hour * TimeSpan.TicksPerHour) + (minute * TimeSpan.TicksPerMinute);
        var at = 16;
        if (at < s.Length && s[at] == ':')
        {
            if (s.Length < at + 3 || !TryDigits(s[(at + 1)..(at + 3)], out var second) || second > 59)
            {
                return false;
            }

            ticks += second * TimeSpan.TicksPerSecond;
            at += 3;
            if (at < s.Length && s[at] is '.' or ',')
            {
                var digits = 0;
                long fraction = 0;
                for (at++; at < s.Length && char.IsAsciiDigit(s[at]); at++, digits++)
                {
                    if (digits < 7)
                    {
                        fraction = (fraction * 10) + (s[at] - '0');
                    }
                }

                if (digits == 0)
                {
                    return false;
                }

                for (var d = Math.Min(digits, 7); d < 7; d++)
                {
                    fraction *= 10;
                }

                ticks += fraction;
            }
        }

        date = date.AddTicks(ticks);
        return TryZone(s[at..], ref date);
    }

    private static bool TryZone(ReadOnlySpan<char> zone, ref DateTime date)
    {
        if (zone.Length == 0)
        {
            return true;
        }

        if (zone is "Z" or "z")
        {
            date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
            return true;
        }

        // "+HH:mm" or "+HHmm": stored in UTC so that values with different offsets compare.
        if (zone[0] is not ('+' or '-') || zone.Length is not (5 or 6)
            || !TryDigits(zone[1..3], out var hours) || !TryDigits(zone[^2..], out var minutes)
            || (zone.Length == 6 && zone[3] != ':') || hours > 14 || minutes > 59)
        {
            return false;
        }

        var offset = new TimeSpan(hours, minutes, 0);
        if (zone[0] == '+' ? date.Ticks < offset.Ticks : DateTime.MaxValue.Ticks - date.Ticks < offset.Ticks)
        {
            return false;
        }

        var utc = zone[0] == '+' ? date - offset : date + offset;
        date = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Whether a run of letters in the value is a month's English name or abbreviation, beside at least one digit.</summary>
    private static bool NamesAMonth(ReadOnlySpan<char> value)
    {
        if (!value.ContainsAnyInRange('0', '9'))
        {
            return false;
        }

        var start = -1;
        for (var i = 0; i <= value.Length; i++)
        {
            var letter = i < value.Length && char.IsAsciiLetter(value[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                var word = value[start..i];
                foreach (var month in Months)
                {
                    if (word.Equals(month, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }

                start = -1;
            }
        }

        return false;
    }

    private static bool HasFourDigitYear(ReadOnlySpan<char> value)
    {
        var run = 0;
        foreach (var c in value)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run == 4)
            {
                return true;
            }
        }

        return false;
    }
}
