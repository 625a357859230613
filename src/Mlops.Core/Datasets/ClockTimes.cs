namespace Mlops.Core.Datasets;

/// <summary>
/// A time of day or a duration written as a clock shows it ("13:45", "7:05:30", "1:30 PM", "36:15" hours and minutes),
/// read as hours (13.75, 7.0917, 13.5, 36.25): a departure time is then a numeric feature, ordered, not one category
/// per minute of the day. Minutes and seconds have two digits and are under 60; with AM or PM the hour is 1 to 12.
/// </summary>
internal static class ClockTimes
{
    public static bool TryParse(ReadOnlySpan<char> value, out double hours)
    {
        hours = 0;
        var s = value.Trim();
        var meridiem = 0;
        if (s.Length > 3 && (s.EndsWith("AM", StringComparison.OrdinalIgnoreCase) || s.EndsWith("PM", StringComparison.OrdinalIgnoreCase)))
        {
            meridiem = char.ToUpperInvariant(s[^2]) == 'P' ? 2 : 1;
            s = s[..^2].TrimEnd();
        }

        var colon = s.IndexOf(':');
        if (colon is < 1 or > 2 || !TwoDigitsUnder60(s[(colon + 1)..], out var minutes, out var rest) || !Digits(s[..colon], out var hour))
        {
            return false;
        }

        var seconds = 0;
        if (rest.Length > 0 && (rest[0] != ':' || !TwoDigitsUnder60(rest[1..], out seconds, out rest)))
        {
            return false;
        }

        if (rest.Length > 0 || (meridiem > 0 && hour is < 1 or > 12))
        {
            return false;
        }

        // 12 AM is midnight and 12 PM noon.
        hour = meridiem switch { 1 => hour % 12, 2 => (hour % 12) + 12, _ => hour };
        hours = hour + (minutes / 60.0) + (seconds / 3600.0);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int number)
    {
        number = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        return s.Length > 0;
    }

    private static bool TwoDigitsUnder60(ReadOnlySpan<char> s, out int number, out ReadOnlySpan<char> rest)
    {
        number = 0;
        rest = default;
        if (s.Length < 2 || !Digits(s[..2], out number) || number >= 60 || (s.Length > 2 && char.IsAsciiDigit(s[2])))
        {
            return false;
        }

        rest = s[2..];
        return true;
    }
}
