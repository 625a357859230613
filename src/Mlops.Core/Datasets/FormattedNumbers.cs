using System.Buffers;
using System.Text;

namespace Mlops.Core.Datasets;

/// <summary>
/// Numbers as spreadsheets and reports format them: a currency sign or a common ISO 4217 code before or after
/// ("$1,234.50", "-$5", "12 €", "USD 1,200.00", "1.200,00 EUR"), digit grouping in threes ("1,234,567.5"), a percent
/// sign ("15%", read as 15), a negative amount in parentheses as accounting formats write it ("(1,234.50)", "($5)").
/// Read as the number they show, so a price or balance column is a numeric feature and not thousands of categories. Grouping must be exact (one to three digits, then
/// groups of three), so "1,2" or "12,34" are never read as grouped numbers, and a sign, symbol or grouping is needed:
/// plain numbers are <see cref="CsvValues"/>' fast paths. Under a decimal comma, <see cref="CommaFormatted"/> first writes
/// "1.234,50 €" the way this reads it.
/// </summary>
internal static class FormattedNumbers
{
    /// <summary>The longest formatted number tried; anything longer is text.</summary>
    private const int MaxLength = 64;

    private static readonly SearchValues<char> Marks = SearchValues.Create(",%$€£¥(");

    /// <summary>
    /// The currency codes read beside a number: the most traded and those of the locales whose spreadsheets are
    /// common. A list, not any three capitals, so an identifier such as "ABC 123" stays text.
    /// </summary>
    private static readonly HashSet<string> CurrencyCodes = new(StringComparer.Ordinal)
    {
        "USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "NZD", "CNY", "HKD", "SGD", "SEK", "NOK", "DKK", "ISK", "PLN",
        "CZK", "HUF", "RON", "BGN", "TRY", "RUB", "UAH", "INR", "PKR", "BRL", "MXN", "ARS", "CLP", "COP", "PEN", "ZAR",
        "NGN", "KES", "EGP", "MAD", "KRW", "TWD", "THB", "MYR", "IDR", "PHP", "VND", "ILS", "AED", "SAR", "QAR",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> CurrencyCodeLookup = CurrencyCodes.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly SearchValues<char> Currencies = SearchValues.Create("$€£¥");

    private static readonly SearchValues<char> PointDecimal = SearchValues.Create("0123456789.");

    private static readonly SearchValues<char> CommaDecimal = SearchValues.Create("0123456789,");

    /// <summary>The spaces that group digits: a plain one, and the no-break and narrow no-break spaces spreadsheets write.</summary>
    private static readonly SearchValues<char> Spaces = SearchValues.Create(" \u00A0\u202F");

    private static readonly SearchValues<char> CommaGroupMarks = SearchValues.Create("., \u00A0\u202F");

    public static bool TryParse(ReadOnlySpan<char> value, out double number)
    {
        number = 0;
        if (value.Length > MaxLength || (value.IndexOfAny(Marks) < 0 && !EndsInCapitals(value.Trim())) || !TrySplit(value.Trim(), out var negative, out var core, out var marked))
        {
            return false;
        }

        Span<char> plain = stackalloc char[core.Length];
        var length = 0;
        if (IsGrouped(core, ',', '.'))
        {
            foreach (var c in core)
            {
                if (c != ',')
                {
                    plain[length++] = c;
                }
            }
        }
        else if (marked && !core.ContainsAnyExcept(PointDecimal) && core.Count('.') <= 1)
        {
            core.CopyTo(plain);
            length = core.Length;
        }
        else
        {
            return false;
        }

        if (!CsvValues.TryParseNumber(plain[..length], out var magnitude))
        {
            return false;
        }

        number = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>
    /// Under a decimal comma: a number grouped with points ("1.234.567,5", "-€1.234,50") or with spaces as French,
    /// Nordic and Slavic locales write it ("7 680,76", with a no-break or narrow no-break space as spreadsheets put it),
    /// or a comma decimal with a sign or symbol ("12,5%", "3,75 €"), rewritten with a decimal point and no grouping
    /// ("1234567.5", "-€1234.50", "7680.76"), its sign and symbols kept; null when the cell is no such number.
    /// </summary>
    public static string? CommaFormatted(string cell)
    {
        var trimmed = cell.AsSpan().Trim();
        if (trimmed.Length > MaxLength || trimmed.IndexOfAny(CommaGroupMarks) < 0 || !TrySplit(trimmed, out _, out var core, out var marked))
        {
            return null;
        }

        var spaced = core.ContainsAny(Spaces);
        var grouped = spaced ? !core.Contains('.') && IsGrouped(core, ' ', ',', Spaces) : IsGrouped(core, '.', ',');
        // TrySplit leaves a core that starts and ends with a digit, so one comma inside it has digits on both sides.
        var commaDecimal = marked && core.Count(',') == 1 && !core.ContainsAnyExcept(CommaDecimal);
        if (!grouped && !commaDecimal)
        {
            return null;
        }

        var start = cell.AsSpan().IndexOf(core);
        var rewritten = new StringBuilder(core.Length);
        foreach (var c in core)
        {
            if (c == ',')
            {
                rewritten.Append('.');
            }
            else if (c != '.' && !Spaces.Contains(c))
            {
                rewritten.Append(c);
            }
        }

        return string.Concat(cell.AsSpan(0, start), rewritten.ToString(), cell.AsSpan(start + core.Length));
    }

    /// <summary>
    /// The digits of a formatted number and what surrounds them: parentheses for a negative amount, or a sign; one
    /// currency sign or code before or after, or a percent sign.
    /// </summary>
    private static bool TrySplit(ReadOnlySpan<char> s, out bool negative, out ReadOnlySpan<char> core, out bool marked)
    {
        negative = false;
        marked = false;
        core = default;
        var bracketed = s.Length > 2 && s[0] == '(' && s[^1] == ')';
        if (bracketed)
        {
            negative = true;
            s = s[1..^1].Trim();
        }
        else if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..].TrimStart();
        }

        var code = s.Length > 3 && IsCurrencyCode(s[..3]) && !char.IsAsciiLetter(s[3]);
        if (code || (s.Length > 0 && Currencies.Contains(s[0])))
        {
            marked = true;
            s = s[(code ? 3 : 1)..].TrimStart();
            if (s.Length > 0 && s[0] is '-' or '+' && !negative && !bracketed)
            {
                negative = s[0] == '-';
                s = s[1..];
            }
        }

        if (s.Length > 0 && s[^1] == '%')
        {
            if (marked)
            {
                return false;
            }

            marked = true;
            s = s[..^1].TrimEnd();
        }
        else if (s.Length > 0 && Currencies.Contains(s[^1]))
        {
            if (marked)
            {
                return false;
            }

            marked = true;
            s = s[..^1].TrimEnd();
        }
        else if (s.Length > 3 && IsCurrencyCode(s[^3..]) && !char.IsAsciiLetter(s[^4]))
        {
            if (marked)
            {
                return false;
            }

            marked = true;
            s = s[..^3].TrimEnd();
        }

        core = s;
        marked |= bracketed;
        return s.Length > 0 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[^1]);
    }

    private static bool IsCurrencyCode(ReadOnlySpan<char> letters) =>
        letters.Length == 3 && !letters.ContainsAnyExceptInRange('A', 'Z') && CurrencyCodeLookup.Contains(letters);

    /// <summary>Whether the cell begins (after a sign) or ends with three capitals: a currency code, maybe, where no other mark is.</summary>
    private static bool EndsInCapitals(ReadOnlySpan<char> s)
    {
        var head = s.TrimStart("-+( ");
        var tail = s.TrimEnd(") ");
        return (head.Length > 3 && !head[..3].ContainsAnyExceptInRange('A', 'Z')) || (tail.Length > 3 && !tail[^3..].ContainsAnyExceptInRange('A', 'Z'));
    }

    /// <summary>
    /// One to three digits, then one or more groups of a separator and three digits, then optionally a decimal mark and
    /// digits. <paramref name="alike"/>: characters that count as the separator too (the spaces of a spreadsheet).
    /// </summary>
    private static bool IsGrouped(ReadOnlySpan<char> s, char separator, char decimalMark, SearchValues<char>? alike = null)
    {
        var mark = s.IndexOf(decimalMark);
        var whole = mark < 0 ? s : s[..mark];
        if (mark >= 0 && (mark == s.Length - 1 || s[(mark + 1)..].ContainsAnyExceptInRange('0', '9')))
        {
            return false;
        }

        var first = alike is null ? whole.IndexOf(separator) : whole.IndexOfAny(alike);
        if (first is < 1 or > 3 || whole[..first].ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        var rest = whole[first..];
        if (rest.Length % 4 != 0)
        {
            return false;
        }

        for (var i = 0; i < rest.Length; i += 4)
        {
            if ((alike is null ? rest[i] != separator : !alike.Contains(rest[i])) || rest.Slice(i + 1, 3).ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }
        }

        return true;
    }
}
