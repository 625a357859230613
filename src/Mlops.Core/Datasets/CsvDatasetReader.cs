using Mlops.Core.Validation;
using nietras.SeparatedValues;

namespace Mlops.Core.Datasets;

/// <summary>
/// Reads an uploaded CSV: RFC 4180 quoting, a comma, semicolon, tab or pipe delimiter and a decimal point or comma
/// (<see cref="CsvDialect"/>: detected, or as the caller says), UTF-8 with or without a byte order mark, Windows-1252 or
/// UTF-16 (<see cref="CsvEncoding"/>), a header row naming the columns, below Excel's "sep=;" line and a title if the
/// file has them (<see cref="LinesAboveHeader"/>); lines repeating the header are skipped. Numbers written with a
/// decimal comma reach the sink with a point, as the rest of the product reads them. It streams: rows go to a sink as
/// they are parsed, in memory bounded by the longest row, so a file of any size can be profiled. Every way the data can
/// be unreadable comes back as a finding, never as an exception.
/// </summary>
public static class CsvDatasetReader
{
    /// <summary>
    /// The widest file accepted. The profiler's memory is bounded per column (exact counts up to a cap, then
    /// sketches), so the column count is what bounds it as a whole; this keeps it to a few hundred megabytes.
    /// </summary>
    public const int MaxColumns = 2048;

    private const int CancellationCheckRows = 1024;

    /// <summary>Reads the whole CSV into memory as strings; training reads files as typed columns instead (<see cref="Columnar.ColumnarDatasetBuilder"/>).</summary>
    public static CsvReadResult Read(Stream stream, CancellationToken cancellationToken = default) => Read(stream, CsvDialectHint.Detect, cancellationToken);

    /// <inheritdoc cref="Read(Stream, CancellationToken)"/>
    public static CsvReadResult Read(Stream stream, CsvDialectHint dialect, CancellationToken cancellationToken)
    {
        var rows = new RowCollector();
        var result = Read(stream, rows, dialect, CsvTextReader.DefaultMaxRowBytes, cancellationToken);
        return result.Error is not null
            ? new CsvReadResult(null, result.Error)
            : new CsvReadResult(new CsvDataset(result.Columns!, rows.Rows) { Dialect = result.Dialect! }, null);
    }

    /// <summary>
    /// Streams the CSV through <paramref name="sink"/>: the header, then every row. When the result carries an error
    /// the rows the sink saw are void (the file is unusable as a whole).
    /// </summary>
    public static CsvStreamResult Read(Stream stream, ICsvRowSink sink, CancellationToken cancellationToken = default) =>
        Read(stream, sink, CsvDialectHint.Detect, CsvTextReader.DefaultMaxRowBytes, cancellationToken);

    /// <inheritdoc cref="Read(Stream, ICsvRowSink, CancellationToken)"/>
    public static CsvStreamResult Read(Stream stream, ICsvRowSink sink, CsvDialectHint dialect, CancellationToken cancellationToken) =>
        Read(stream, sink, dialect, CsvTextReader.DefaultMaxRowBytes, cancellationToken);

    /// <summary>As <see cref="Read(Stream, ICsvRowSink, CancellationToken)"/>, failing rows longer than <paramref name="maxRowBytes"/>.</summary>
    internal static CsvStreamResult Read(Stream stream, ICsvRowSink sink, int maxRowBytes, CancellationToken cancellationToken) =>
        Read(stream, sink, CsvDialectHint.Detect, maxRowBytes, cancellationToken);

    private static CsvStreamResult Read(Stream stream, ICsvRowSink sink, CsvDialectHint hint, int maxRowBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            using var decoder = new CsvTextReader(stream, maxRowBytes, hint.Encoding);
            using var text = Sniff(decoder, hint, out var dialect, out var preamble);
            var parsed = Parse(text, sink, dialect, cancellationToken);
            return parsed with { Dialect = dialect with { Encoding = decoder.Encoding }, Preamble = preamble };
        }
        catch (CsvReadFault fault)
        {
            return new CsvStreamResult(null, 0, fault.Finding);
        }
        catch (InvalidDataException ex)
        {
            // Sep's own limits; the options used disable its other checks.
            return Fail(ValidationRules.MalformedCsv, null, $"The file could not be parsed as CSV: {ex.Message}");
        }
    }

    /// <summary>
    /// Reads only as far as the header: its columns (checked as a whole read checks them) and the dialect, detected from
    /// the first rows as <see cref="Read(Stream, ICsvRowSink, CsvDialectHint, CancellationToken)"/> would.
    /// </summary>
    public static CsvStreamResult ReadHeader(Stream stream, CsvDialectHint hint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var decoder = new CsvTextReader(stream, CsvTextReader.DefaultMaxRowBytes, hint.Encoding);
            using var text = Sniff(decoder, hint, out var dialect, out _);
            using var reader = Sep.New(dialect.Delimiter)
                .Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true })
                .From(text);
            var leading = new LinesAboveHeader(dialect);
            foreach (var row in reader)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (row.ColCount == 1 && row.Span.IsWhiteSpace())
                {
                    continue;
                }

                if (leading.Skips(row.Span))
                {
                    continue;
                }

                var header = ReadHeader(row);
                return CheckHeader(header) is { } error
                    ? new CsvStreamResult(null, 0, error)
                    : new CsvStreamResult(header, 0, null) { Dialect = dialect with { Encoding = decoder.Encoding }, LeadingRows = leading.Count };
            }

            return Fail(ValidationRules.EmptyFile, null, "The file is empty: it needs a header row naming the columns.");
        }
        catch (CsvReadFault fault)
        {
            return new CsvStreamResult(null, 0, fault.Finding);
        }
        catch (InvalidDataException ex)
        {
            return Fail(ValidationRules.MalformedCsv, null, $"The file could not be parsed as CSV: {ex.Message}");
        }
    }

    /// <summary>Detects what the hint leaves open from the file's first characters, which the returned reader reads again.</summary>
    private static TextReader Sniff(TextReader text, CsvDialectHint hint, out CsvDialect dialect, out IReadOnlyList<string> preamble)
    {
        preamble = [];
        if (hint.IsComplete)
        {
            dialect = new CsvDialect(hint.Delimiter!.Value, hint.DecimalMark!.Value, hint.DateOrder!.Value)
            {
                MissingValues = hint.MissingValues,
                PreambleLines = hint.PreambleLines!.Value,
            };
            return text;
        }

        var sample = new char[CsvDialect.SampleChars];
        var filled = 0;
        int read;
        while (filled < sample.Length && (read = text.Read(sample.AsSpan(filled))) > 0)
        {
            filled += read;
        }

        // Excel's "sep=;" line names the delimiter (the spec's still wins) and is no line to detect the rest from.
        var lines = sample.AsSpan(0, filled);
        var delimiter = hint.Delimiter;
        var firstEnd = lines.IndexOfAny('\r', '\n');
        if (DelimiterHintLine.IsReadable(firstEnd < 0 ? lines : lines[..firstEnd]))
        {
            delimiter ??= DelimiterHintLine.Read(lines[..(firstEnd < 0 ? lines.Length : firstEnd)]);
            lines = firstEnd < 0 ? [] : lines[(firstEnd + 1)..].TrimStart('\n');
        }

        dialect = CsvDialect.Detect(lines, complete: filled < sample.Length, delimiter, hint.DecimalMark, hint.DateOrder, out preamble) with { MissingValues = hint.MissingValues };
        return new PrefixedTextReader(sample.AsMemory(0, filled), text);
    }

    private static CsvStreamResult Parse(TextReader text, ICsvRowSink sink, CsvDialect dialect, CancellationToken cancellationToken)
    {
        // The header is read as an ordinary row: Sep's header throws on duplicate names and does not trim them,
        // and we want both as findings on trimmed names. Column counts are checked here to report every line.
        var normalize = dialect.RewritesCells;
        using var reader = Sep.New(dialect.Delimiter)
            .Reader(o => o with
            {
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
                CreateToString = SepToString.PoolPerCol(),
            })
            .From(text);

        string[]? header = null;
        var leading = new LinesAboveHeader(dialect);
        long rows = 0;
        long repeatedHeaders = 0;
        long firstRepeatedHeader = 0;
        var raggedCount = 0;
        ValidationFinding? firstRagged = null;

        foreach (var row in reader)
        {
            // Blank lines (often trailing ones an editor adds) and, below the header, rows of nothing but delimiters
            // (the empty rows a spreadsheet exports under its table, of any width) carry no data: neither a row without
            // a label nor a column-count mistake. Above the header such a row is left to the dialect's preamble count.
            if ((row.ColCount == 1 && row.Span.IsWhiteSpace()) || (header is not null && row.Span.IndexOfAnyExcept(dialect.Delimiter, ' ', '\t') < 0))
            {
                continue;
            }

            if (header is null && leading.Skips(row.Span))
            {
                continue;
            }

            if (header is null)
            {
                header = ReadHeader(row);
                var headerError = CheckHeader(header);
                if (headerError is not null)
                {
                    return new CsvStreamResult(null, 0, headerError);
                }

                sink.Header(header);
                continue;
            }

            if (row.RowIndex % CancellationCheckRows == 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var width = TrailingDelimiter.Width(row, header.Length, dialect.Delimiter);
            if (width != header.Length)
            {
                raggedCount++;
                firstRagged ??= Ragged(row, header.Length, dialect);
                continue;
            }

            if (firstRagged is not null)
            {
                // Once the file is known to be rejected, keep scanning only to count the bad lines.
                continue;
            }

            // Files joined end to end each bring their header: it is not a row. (In a file of one column, a value can
            // be the column's name.)
            if (header.Length > 1 && RepeatsHeader(row, header))
            {
                firstRepeatedHeader = repeatedHeaders++ == 0 ? row.LineNumberFrom : firstRepeatedHeader;
                continue;
            }

            sink.Row(normalize ? new CsvRow(Normalized(row, width, dialect)) : new CsvRow(row, width));
            rows++;
        }

        if (firstRagged is not null)
        {
            var more = raggedCount > 1 ? $" {raggedCount} lines in all have the wrong number of fields." : "";
            return new CsvStreamResult(null, 0, firstRagged with { Message = firstRagged.Message + more });
        }

        return header is null
            ? Fail(ValidationRules.EmptyFile, null, "The file is empty: it needs a header row naming the columns and at least one data row.")
            : new CsvStreamResult(header, rows, null) { LeadingRows = leading.Count, RepeatedHeaders = repeatedHeaders, FirstRepeatedHeaderLine = firstRepeatedHeader };
    }

    /// <summary>Whether the row's cells are the header's names (the first compared first: most rows differ there).</summary>
    private static bool RepeatsHeader(SepReader.Row row, string[] header)
    {
        if (!row[0].Span.Trim().SequenceEqual(header[0]))
        {
            return false;
        }

        for (var i = 1; i < header.Length; i++)
        {
            if (!row[i].Span.Trim().SequenceEqual(header[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] ReadHeader(SepReader.Row row)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row[i].ToString().Trim();
        }

        return TrailingDelimiter.Header(names);
    }

    internal static ValidationFinding? CheckHeader(string[] header)
    {
        if (header.Length > MaxColumns)
        {
            return Error(ValidationRules.TooManyColumns, null,
                $"The header names {header.Length} columns; at most {MaxColumns} are accepted. Drop the columns the model should not use before uploading.");
        }

        // A "sep=" line for a delimiter that is read is skipped before the header (DelimiterHintLine); one for another
        // character names a delimiter the file cannot be read with.
        if (header.Length == 1 && DelimiterHintLine.Read(header[0]) is { } hinted)
        {
            return Error(ValidationRules.NoHeader, null,
                $"The first line is a \"sep=\" delimiter hint for Excel naming '{hinted}' as the delimiter, which is not one read here: save the file delimited by a comma, semicolon, tab or pipe.");
        }

        // A first line of numbers is data, not names: every cell numeric, or a cell with a decimal point or an
        // exponent (integers alone are plausible names, e.g. pixel indices "0".."63").
        if (header.All(IsNumber) || header.Any(h => IsNumber(h) && !h.All(char.IsAsciiDigit)))
        {
            var shown = string.Join(", ", header.Take(5));
            return Error(ValidationRules.NoHeader, null,
                $"The first line ({shown}{(header.Length > 5 ? ", ..." : "")}) holds values, not column names; add a header row naming each column.");
        }

        for (var i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                return Error(ValidationRules.UnnamedColumn, null,
                    $"Column {i + 1} of {header.Length} has no name in the header; name it, or remove the column.");
            }
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!seen.TryAdd(header[i], i))
            {
                return Error(ValidationRules.DuplicateColumn, header[i],
                    $"The header names column '{header[i]}' twice (columns {seen[header[i]] + 1} and {i + 1}); every column needs a unique name.");
            }
        }

        return null;
    }

    private static bool IsNumber(string value) => CsvValues.TryParseNumber(value, out _);

    private static string[] Normalized(SepReader.Row row, int width, CsvDialect dialect)
    {
        var cells = new string[width];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = dialect.Normalize(row[i].ToString());
        }

        return cells;
    }

    private static ValidationFinding Ragged(SepReader.Row row, int expected, CsvDialect dialect)
    {
        var lines = row.LineNumberToExcl - row.LineNumberFrom > 1
            ? $"Line {row.LineNumberFrom} (through line {row.LineNumberToExcl - 1})"
            : $"Line {row.LineNumberFrom}";

        // Read before any column is accessed: unescaping rewrites the row's span in place.
        var hint = row.Span.Contains('"')
            ? " A quoted field may be missing its closing quote, or a quote inside a field is not doubled."
            : "";
        return Error(ValidationRules.RaggedRow, null,
            $"{lines} has {row.ColCount} field(s) but the header has {expected}; every row needs exactly {expected}.{hint} The file was read as {dialect.Describe()}; if that is wrong, set \"delimiter\" (and \"decimal\") in the model's spec.");
    }

    private static CsvStreamResult Fail(string rule, string? column, string message) =>
        new(null, 0, Error(rule, column, message));

    private static ValidationFinding Error(string rule, string? column, string message) =>
        new(Severity.Error, rule, column, message);

    /// <summary>Keeps every row as strings, for <see cref="Read(Stream, CancellationToken)"/>.</summary>
    private sealed class RowCollector : ICsvRowSink
    {
        public List<string[]> Rows { get; } = [];

        public void Header(IReadOnlyList<string> columns)
        {
        }

        public void Row(CsvRow row)
        {
            var values = new string[row.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row.GetString(i);
            }

            Rows.Add(values);
        }
    }
}
