using System.Text.Json.Serialization;

namespace Mlops.Core.Datasets;

/// <summary>
/// How a CSV writes its fields, numbers and dates: the delimiter (comma, semicolon, tab or pipe), the decimal mark (point,
/// or comma when the delimiter is not a comma, as spreadsheets export in most European locales) and whether a date
/// written with numbers only puts the day or the month first. Detected from the header and the first rows, overridable
/// in the spec (<c>"delimiter"</c>, <c>"decimal"</c>, <c>"dateOrder"</c>), and recorded in the model's schema so that
/// training reads every load, and serving every numeric or date string, the same way.
/// </summary>
public sealed record CsvDialect(char Delimiter, char DecimalMark, DateOrder DateOrder = DateOrder.MonthFirst)
{
    public static readonly CsvDialect Standard = new(',', '.');

    /// <summary>The delimiters detection chooses from, in order of preference when two fit equally.</summary>
    public static IReadOnlyList<char> Delimiters { get; } = [',', ';', '\t', '|'];

    /// <summary>How much of the file's beginning detection reads.</summary>
    internal const int SampleChars = 1 << 16;

    /// <summary>Data lines detection compares with the header.</summary>
    private const int SampleLines = 50;

    /// <summary>
    /// The file's encoding: UTF-8 unless the spec says otherwise or the bytes were not UTF-8 (<see cref="CsvEncoding"/>).
    /// Written out only when it is not UTF-8, so a schema of a UTF-8 file reads as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public CsvEncoding Encoding { get; init; }

    /// <summary>
    /// The file's own words for "no value" (the spec's <c>"missingValues"</c>: "pending", "unknown", "-999"), read as
    /// an empty cell in every column, besides the tokens every file has (<see cref="Datasets.MissingValues"/>); compared
    /// trimmed and case-insensitively. Null when the spec names none, and then not written out.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MissingValues { get; init; }

    /// <summary>
    /// Lines above the header that are a title or notes ("Quarterly churn report", "Generated 2026-11-30"), not data:
    /// skipped by every reader (blank lines and Excel's "sep=" line are not counted). Written out only when there are any.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int PreambleLines { get; init; }

    /// <summary>The most lines above the header detection takes for a title or notes.</summary>
    internal const int MaxPreambleLines = 10;

    /// <summary>The dialect as people name it: "semicolon-delimited, decimal comma, day-first dates, Windows-1252" (or "UTF-16").</summary>
    public string Describe() =>
        $"{Delimiter switch { ',' => "comma", ';' => "semicolon", '\t' => "tab", '|' => "pipe", _ => $"'{Delimiter}'" }}-delimited, decimal {(DecimalMark == ',' ? "comma" : "point")}{(DateOrder == DateOrder.DayFirst ? ", day-first dates" : string.Empty)}{Encoding switch { CsvEncoding.Windows1252 => ", Windows-1252", CsvEncoding.Utf16 => ", UTF-16", _ => string.Empty }}{(MissingValues is { Count: > 0 } missing ? $", missing values {string.Join(", ", missing.Select(m => $"'{m}'"))}" : string.Empty)}";

    /// <summary>Whether <see cref="Normalize"/> can change a cell: the file writes numbers or dates unlike the product reads them.</summary>
    [JsonIgnore]
    public bool RewritesCells => DecimalMark == ',' || DateOrder == DateOrder.DayFirst || MissingValues is { Count: > 0 };

    /// <summary>
    /// A cell as the product reads numbers and dates (a decimal point; a date's month before its day, or ISO 8601): under
    /// a decimal comma, a plain number such as "-12,5" becomes "-12.5", and one grouped with points or spaces or written
    /// with a currency or percent sign loses its grouping and takes a point ("1.234,50 €" becomes "1234.50 €", which
    /// reads as 1234.5; "7 680,76" becomes "7680.76"); under day-first dates, "28/10/2022" becomes "2022-10-28" (a time
    /// after it kept as written); one of the file's own <see cref="MissingValues"/> becomes an empty cell. Anything else
    /// (text, a day that does not exist) is left as it is.
    /// </summary>
    public string Normalize(string cell)
    {
        if (IsDeclaredMissing(cell))
        {
            return string.Empty;
        }

        if (DecimalMark == ',' && IsCommaDecimal(cell))
        {
            return cell.Replace(',', '.');
        }

        if (DecimalMark == ',' && FormattedNumbers.CommaFormatted(cell) is { } grouped)
        {
            return grouped;
        }

        return DateOrder == DateOrder.DayFirst && NumericDate.TryRead(cell, out var date) && date.ToIso(cell, DateOrder.DayFirst) is { } iso ? iso : cell;
    }

    /// <summary>Whether the cell is one of the file's own words for "no value" (<see cref="MissingValues"/>).</summary>
    public bool IsDeclaredMissing(ReadOnlySpan<char> cell)
    {
        if (MissingValues is not { Count: > 0 } tokens)
        {
            return false;
        }

        cell = cell.Trim();
        foreach (var token in tokens)
        {
            if (cell.Equals(token, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Equal parts, the missing values compared as lists (in order, as written).</summary>
    public bool Equals(CsvDialect? other) =>
        other is not null
        && Delimiter == other.Delimiter && DecimalMark == other.DecimalMark && DateOrder == other.DateOrder && Encoding == other.Encoding
        && PreambleLines == other.PreambleLines
        && (MissingValues ?? []).SequenceEqual(other.MissingValues ?? [], StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Delimiter, DecimalMark, DateOrder, Encoding, PreambleLines, MissingValues?.Count ?? 0);

    /// <summary>
    /// Detects the dialect from the beginning of a file: the delimiter and the header line (<see cref="ChooseLayout"/>);
    /// a decimal comma when the delimiter is not a comma and numbers in the sample are written with a comma and never
    /// with a point; the date order from the sample's dates (<see cref="ChooseDateOrder"/>). <paramref name="complete"/>:
    /// the sample is the whole file.
    /// </summary>
    public static CsvDialect Detect(ReadOnlySpan<char> sample, bool complete, char? delimiter = null, char? decimalMark = null, DateOrder? dateOrder = null) =>
        Detect(sample, complete, delimiter, decimalMark, dateOrder, out _);

    /// <inheritdoc cref="Detect(ReadOnlySpan{char}, bool, char?, char?, DateOrder?)"/>
    /// <param name="preamble">The lines above the header that detection took for a title or notes.</param>
    internal static CsvDialect Detect(ReadOnlySpan<char> sample, bool complete, char? delimiter, char? decimalMark, DateOrder? dateOrder, out IReadOnlyList<string> preamble)
    {
        var lines = Lines(sample, complete);
        var (chosen, skipped) = lines.Count == 0 ? (delimiter ?? ',', 0) : ChooseLayout(lines, delimiter);
        preamble = lines.GetRange(0, skipped);
        lines = lines.GetRange(skipped, lines.Count - skipped);
        var mark = decimalMark ?? (chosen != ',' && HasCommaDecimals(lines, chosen) ? ',' : '.');
        return new CsvDialect(chosen, mark, dateOrder ?? ChooseDateOrder(lines, chosen, mark)) { PreambleLines = skipped };
    }

    /// <summary>
    /// An encoding by the labels people write: "utf-8", or "windows-1252", "cp1252", "latin1", "iso-8859-1" (which
    /// read as Windows-1252, as browsers read them); null when the text is none of them. Case is ignored.
    /// </summary>
    public static CsvEncoding? ParseEncoding(string text) => text.ToUpperInvariant() switch
    {
        "UTF-8" or "UTF8" => CsvEncoding.Utf8,
        "WINDOWS-1252" or "WINDOWS1252" or "CP1252" or "LATIN1" or "LATIN-1" or "ISO-8859-1" => CsvEncoding.Windows1252,
        _ => null,
    };

    /// <summary>"dmy" or "dayFirst", "mdy" or "monthFirst"; null when the text is none of them.</summary>
    public static DateOrder? ParseDateOrder(string text) => text switch
    {
        "dmy" or "dayFirst" => DateOrder.DayFirst,
        "mdy" or "monthFirst" => DateOrder.MonthFirst,
        _ => null,
    };

    /// <summary>"," ";" "\t" (or "tab") "|" for a delimiter; null when the text is none of them.</summary>
    public static char? ParseDelimiter(string text) => text switch
    {
        "," => ',',
        ";" => ';',
        "\t" or "tab" or "\\t" => '\t',
        "|" => '|',
        _ => null,
    };

    /// <summary>"." or "," for a decimal mark; null when the text is neither.</summary>
    public static char? ParseDecimal(string text) => text switch
    {
        "." => '.',
        "," => ',',
        _ => null,
    };

    /// <summary>
    /// The delimiter and the header line: the header splits into two or more named columns and the most data lines
    /// below it into as many (a ragged line is then reported as such, not as a file of one column). The header is the
    /// first line unless lines above it are a title or notes: at most <see cref="MaxPreambleLines"/> lines, each naming
    /// at most half as many fields as the header, which holds no number, below which more lines agree with the header
    /// than with the first line. Then fewer lines skipped, the header's width and the order of
    /// <see cref="Delimiters"/> break ties. The spec's delimiter, when it gives one, is the only candidate.
    /// </summary>
    private static (char Delimiter, int Preamble) ChooseLayout(List<string> lines, char? given)
    {
        var best = (Delimiter: given ?? ',', Preamble: 0);
        var (bestMatches, bestColumns) = (-1, 1);
        foreach (var candidate in given is { } only ? [only] : Delimiters)
        {
            for (var k = 0; k <= Math.Min(MaxPreambleLines, lines.Count - 1); k++)
            {
                var header = Fields(lines[k], candidate);
                var named = Named(lines[k], candidate);
                if (named < 2)
                {
                    continue;
                }

                if (lines.Take(k).Any(line => Named(line, candidate) * 2 > named))
                {
                    // A line above names too much to be a title: neither it nor anything below is above the header.
                    break;
                }

                var matches = lines.Skip(k + 1).Count(line => Fields(line, candidate) == header);
                if (k > 0 && (matches == 0 || SplitLine(lines[k], candidate).Any(cell => CsvValues.TryParseNumber(cell, out _))))
                {
                    // Below a title there is a table, and its header names columns: a line with a number in it is data.
                    continue;
                }

                if (matches > bestMatches || (matches == bestMatches && (k < best.Preamble || (k == best.Preamble && header > bestColumns))))
                {
                    (best, bestMatches, bestColumns) = ((candidate, k), matches, header);
                }
            }
        }

        return best;
    }

    /// <summary>The line's fields up to its last non-empty one: its named columns, were it a header.</summary>
    private static int Named(string line, char delimiter)
    {
        var fields = SplitLine(line, delimiter);
        var last = fields.FindLastIndex(f => f.Length > 0);
        return last + 1;
    }

    /// <summary>
    /// Day first when some sampled date can only be read day first (28/10/2022) and none only month first (10/28/2022),
    /// and the reverse. When the sample cannot tell (no such dates, every day 12 or under, or both kinds), a file that
    /// writes decimal commas or dates with dots (28.10.2022) comes from a locale that puts the day first; any other
    /// keeps the invariant culture's month first.
    /// </summary>
    private static DateOrder ChooseDateOrder(List<string> lines, char delimiter, char decimalMark)
    {
        var (dayFirst, monthFirst, dotted) = (0, 0, false);
        foreach (var line in lines.Skip(1))
        {
            foreach (var cell in SplitLine(line, delimiter))
            {
                if (NumericDate.TryRead(cell, out var date))
                {
                    dayFirst += date.OnlyDayFirst ? 1 : 0;
                    monthFirst += date.OnlyMonthFirst ? 1 : 0;
                    dotted |= cell.Contains('.', StringComparison.Ordinal);
                }
            }
        }

        return (dayFirst, monthFirst) switch
        {
            ( > 0, 0) => DateOrder.DayFirst,
            (0, > 0) => DateOrder.MonthFirst,
            _ => decimalMark == ',' || dotted ? DateOrder.DayFirst : DateOrder.MonthFirst,
        };
    }

    private static bool HasCommaDecimals(List<string> lines, char delimiter)
    {
        var (comma, point) = (0, 0);
        foreach (var line in lines.Skip(1))
        {
            foreach (var cell in SplitLine(line, delimiter))
            {
                // "1.234,5" and "7 680,76" say decimal comma as plainly as "3,14" does.
                if (IsCommaDecimal(cell) || (cell.Contains(',', StringComparison.Ordinal) && FormattedNumbers.CommaFormatted(cell) is not null))
                {
                    comma++;
                }
                else if (cell.Contains('.', StringComparison.Ordinal) && CsvValues.TryParseNumber(cell.Trim(), out _))
                {
                    point++;
                }
            }
        }

        return comma > 0 && point == 0;
    }

    /// <summary>An optional sign, digits, one comma, digits, an optional exponent: "3,14", "-0,5", "1,5E-05".</summary>
    private static bool IsCommaDecimal(ReadOnlySpan<char> cell)
    {
        cell = cell.Trim();
        if (cell.Length > 0 && cell[0] is '-' or '+')
        {
            cell = cell[1..];
        }

        var exponent = cell.IndexOfAny('e', 'E');
        if (exponent >= 0)
        {
            var power = cell[(exponent + 1)..];
            if (power.Length > 0 && power[0] is '-' or '+')
            {
                power = power[1..];
            }

            if (power.IsEmpty || power.ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            cell = cell[..exponent];
        }

        var comma = cell.IndexOf(',');
        return comma > 0 && comma < cell.Length - 1 && !cell[..comma].ContainsAnyExceptInRange('0', '9') && !cell[(comma + 1)..].ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>The sample's first non-blank lines, quotes respected; the last one only when it is known to be whole.</summary>
    private static List<string> Lines(ReadOnlySpan<char> sample, bool complete)
    {
        var lines = new List<string>();
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < sample.Length && lines.Count <= SampleLines; i++)
        {
            var c = sample[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c is '\n' or '\r')
            {
                Add(sample[start..i]);
                start = i + 1;
            }
        }

        if (complete && lines.Count <= SampleLines)
        {
            Add(sample[start..]);
        }

        return lines;

        void Add(ReadOnlySpan<char> line)
        {
            if (!line.IsWhiteSpace())
            {
                lines.Add(line.ToString());
            }
        }
    }

    /// <summary>
    /// One line's cells, quotes respected: each trimmed, a quoted one unquoted (doubled quotes undoubled) and trimmed
    /// again, as the reader trims header names. For a line already isolated (a header, a sampled row), not a whole file.
    /// </summary>
    internal static List<string> SplitLine(string line, char delimiter)
    {
        var cells = new List<string>();
        var inQuotes = false;
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && line[i] == delimiter)
            {
                cells.Add(Unquote(line[start..i]));
                start = i + 1;
            }
        }

        cells.Add(Unquote(line[start..]));
        return cells;
    }

    private static string Unquote(string cell)
    {
        var trimmed = cell.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal).Trim() : trimmed;
    }

    private static int Fields(string line, char delimiter) => SplitLine(line, delimiter).Count;
}
