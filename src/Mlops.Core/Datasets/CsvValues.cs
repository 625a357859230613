using System.Globalization;

namespace Mlops.Core.Datasets;

/// <summary>How validation reads a raw CSV cell as a number. Missing values are <see cref="MissingValues"/>' call.</summary>
internal static class CsvValues
{
    // 2^53: every integer up to here is exact in a double, as is every power of ten up to 10^22.
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// A number in the invariant culture that stays finite in single precision, which is what the model sees:
    /// a column validated as numeric must parse the same way when it trains (Training's FeatureLayout). A number with a
    /// currency sign, digit grouping or a percent sign reads as the number it shows (<see cref="FormattedNumbers"/>), a
    /// time of day or duration as its hours (<see cref="ClockTimes"/>).
    /// </summary>
    public static bool TryParseNumber(string? value, out double number) => TryParseNumber(value.AsSpan(), out number);

    /// <inheritdoc cref="TryParseNumber(string?, out double)"/>
    public static bool TryParseNumber(ReadOnlySpan<char> value, out double number)
    {
        if (TryParsePlainDecimal(value, out number))
        {
            return true;
        }

        if (MayBeNumber(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && float.IsFinite((float)number))
        {
            return true;
        }

        return FormattedNumbers.TryParse(value, out number) || ClockTimes.TryParse(value, out number);
    }

    /// <summary>
    /// False only for what double.TryParse with <see cref="NumberStyles.Float"/> refuses or reads as infinite or NaN:
    /// a character outside white space, digits, '.', exponent marks, trailing nulls and signs, or a sign neither
    /// leading nor right after the exponent mark. Free text and dates ("2023-01-05") fail it at their first such
    /// character, which costs far less than the parser's attempt; the profiler tries every new value as a number.
    /// </summary>
    internal static bool MayBeNumber(ReadOnlySpan<char> value)
    {
        var previous = ' ';
        foreach (var c in value)
        {
            switch (c)
            {
                case >= '0' and <= '9':
                case '.' or 'e' or 'E' or '\0':
                case ' ' or (>= '\t' and <= '\r'):
                    break;
                case '+' or '-' when previous is ' ' or (>= '\t' and <= '\r') or 'e' or 'E':
                    break;
                default:
                    return false;
            }

            previous = c;
        }

        return true;
    }

    /// <summary>
    /// The profiler parses every numeric cell of a file, and most are plain decimals such as "-12.375". For those,
    /// mantissa / 10^fraction-digits is exactly what double.Parse returns (Clinger's fast path: both operands are
    /// exact doubles and IEEE division rounds correctly), at a fraction of the cost. Anything else (exponents,
    /// whitespace, more than 2^53 in the mantissa) is left to double.TryParse.
    /// </summary>
    private static bool TryParsePlainDecimal(ReadOnlySpan<char> value, out double number)
    {
        number = 0;
        var i = 0;
        var negative = false;
        if (value.Length > 0 && value[0] is '-' or '+')
        {
            negative = value[0] == '-';
            i = 1;
        }

        ulong mantissa = 0;
        var digits = 0;
        var fractionDigits = -1;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                if (mantissa > (MaxExactMantissa - 9) / 10)
                {
                    return false;
                }

                mantissa = (mantissa * 10) + (ulong)(c - '0');
                digits++;
                if (fractionDigits >= 0)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && fractionDigits < 0)
            {
                fractionDigits = 0;
            }
            else
            {
                return false;
            }
        }

        var scale = Math.Max(fractionDigits, 0);
        if (digits == 0 || scale >= PowersOfTen.Length)
        {
            return false;
        }

        // Through long: the mantissa is below 2^53, so the conversion is exact either way, and x64 converts a signed
        // integer in one instruction where an unsigned one goes through a runtime helper.
        var magnitude = (long)mantissa / PowersOfTen[scale];
        number = negative ? -magnitude : magnitude;
        return true;
    }
}
