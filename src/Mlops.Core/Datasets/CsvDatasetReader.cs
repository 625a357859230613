using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Mlops.Core.Validation;
using nietras.SeparatedValues;

namespace Mlops.Core.Datasets;

/// <summary>
/// Reads an uploaded CSV whole: RFC 4180 quoting, comma separator, UTF-8 with or without a byte order mark, a header
/// row naming the columns. Every way the data can be unreadable comes back as a finding, never as an exception.
/// </summary>
public static class CsvDatasetReader
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static CsvReadResult Read(Stream stream, CancellationToken cancellationToken = default)
    {
        var bytes = ReadAll(stream, cancellationToken).Span;
        var bomLength = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;

        // Validating the bytes up front gives the exact offset of a bad byte; a decoding reader under the parser
        // would fail a buffer ahead of the row it belongs to. The dataset is held in memory anyway.
        var body = bytes[bomLength..];
        if (!Utf8.IsValid(body))
        {
            return Fail(ValidationRules.BadEncoding, null, DescribeBadByte(bytes, bomLength + FirstInvalidByte(body)));
        }

        var text = Encoding.UTF8.GetString(body);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Fail(ValidationRules.EmptyFile, null, "The file is empty: it needs a header row naming the columns and at least one data row.");
        }

        try
        {
            return Parse(text, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            // Sep's own limits (e.g. a row longer than it buffers); the options used disable its other checks.
            return Fail(ValidationRules.MalformedCsv, null, $"The file could not be parsed as CSV: {ex.Message}");
        }
    }

    private static CsvReadResult Parse(string text, CancellationToken cancellationToken)
    {
        // The header is read as an ordinary row: Sep's header throws on duplicate names and does not trim them,
        // and we want both as findings on trimmed names. Column counts are checked here to report every line.
        using var reader = Sep.New(',')
            .Reader(o => o with
            {
                HasHeader = false,
                Unescape = true,
                DisableColCountCheck = true,
                CreateToString = SepToString.PoolPerCol(),
            })
            .FromText(text);

        string[]? header = null;
        var rows = new List<string[]>();
        var raggedCount = 0;
        ValidationFinding? firstRagged = null;

        foreach (var row in reader)
        {
            // Blank lines (often trailing ones an editor adds) carry no data and are not a column-count mistake.
            if (row.ColCount == 1 && row.Span.IsWhiteSpace())
            {
                continue;
            }

            if (header is null)
            {
                header = ReadHeader(row);
                var headerError = CheckHeader(header);
                if (headerError is not null)
                {
                    return new CsvReadResult(null, headerError);
                }

                continue;
            }

            if ((row.RowIndex & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (row.ColCount != header.Length)
            {
                raggedCount++;
                firstRagged ??= Ragged(row, header.Length);
                continue;
            }

            if (firstRagged is not null)
            {
                // Once the file is known to be rejected, keep scanning only to count the bad lines.
                continue;
            }

            var values = new string[header.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = row[i].ToString();
            }

            rows.Add(values);
        }

        if (firstRagged is not null)
        {
            var more = raggedCount > 1 ? $" {raggedCount} lines in all have the wrong number of fields." : "";
            return new CsvReadResult(null, firstRagged with { Message = firstRagged.Message + more });
        }

        // Non-blank text always yields a header row; this only guards the invariant.
        return header is null
            ? Fail(ValidationRules.EmptyFile, null, "The file is empty: it needs a header row naming the columns.")
            : new CsvReadResult(new CsvDataset(header, rows), null);
    }

    private static string[] ReadHeader(SepReader.Row row)
    {
        var names = new string[row.ColCount];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = row[i].ToString().Trim();
        }

        return names;
    }

    private static ValidationFinding? CheckHeader(string[] header)
    {
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
                    $"Column {i + 1} of {header.Length} has no name in the header; name it, or remove the column (a trailing comma adds one).");
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

    private static ValidationFinding Ragged(SepReader.Row row, int expected)
    {
        var lines = row.LineNumberToExcl - row.LineNumberFrom > 1
            ? $"Line {row.LineNumberFrom} (through line {row.LineNumberToExcl - 1})"
            : $"Line {row.LineNumberFrom}";

        // Read before any column is accessed: unescaping rewrites the row's span in place.
        var hint = row.Span.Contains('"')
            ? " A quoted field may be missing its closing quote, or a quote inside a field is not doubled."
            : "";
        return Error(ValidationRules.RaggedRow, null,
            $"{lines} has {row.ColCount} field(s) but the header has {expected}; every row needs exactly {expected}.{hint}");
    }

    private static string DescribeBadByte(ReadOnlySpan<byte> bytes, int offset)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "The file is UTF-16 (it starts with a UTF-16 byte order mark), not UTF-8; save it as UTF-8.";
        }

        var line = bytes[..offset].Count((byte)'\n') + 1;
        return $"The file is not valid UTF-8: byte 0x{bytes[offset]:X2} at byte offset {offset} (line {line}) cannot be decoded; save the file as UTF-8.";
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        // UTF-16 never needs more chars than UTF-8 has bytes, so only invalid data stops the conversion.
        Utf8.ToUtf16(bytes, new char[bytes.Length], out var valid, out _, replaceInvalidSequences: false);
        return valid;
    }

    private static ReadOnlyMemory<byte> ReadAll(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = stream.CanSeek ? new MemoryStream(checked((int)Math.Max(0, stream.Length - stream.Position))) : new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        // The buffer outlives the stream's disposal; handing it out avoids copying the whole upload again.
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, checked((int)buffer.Length));
    }

    private static CsvReadResult Fail(string rule, string? column, string message) =>
        new(null, Error(rule, column, message));

    private static ValidationFinding Error(string rule, string? column, string message) =>
        new(Severity.Error, rule, column, message);
}
