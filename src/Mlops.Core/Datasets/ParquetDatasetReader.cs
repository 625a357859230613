using Mlops.Core.Validation;
using Parquet;
using Parquet.Schema;

namespace Mlops.Core.Datasets;

/// <summary>
/// Streams a Parquet file through an <see cref="ICsvRowSink"/> as the CSV reader does, one row group at a time, each
/// value written as text in the product's form (invariant culture, a decimal point, ISO dates) into one buffer per
/// row as the row is emitted, so the gate and training read both formats alike. Flat columns of Parquet's primitive
/// types are read; a nested or binary column makes the file unreadable, with its name.
/// </summary>
public static class ParquetDatasetReader
{
    public static Task<CsvStreamResult> ReadAsync(Stream stream, ICsvRowSink sink, CancellationToken cancellationToken) =>
        ReadAsync(stream, sink, CsvDialect.Standard, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync(Stream, ICsvRowSink, CancellationToken)"/>; a value that is one of the
    /// <paramref name="dialect"/>'s own words for "no value" reaches the sink as an empty cell, as from a CSV.
    /// </summary>
    public static async Task<CsvStreamResult> ReadAsync(Stream stream, ICsvRowSink sink, CsvDialect dialect, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        try
        {
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            var fields = reader.Schema.GetDataFields();
            if (reader.Schema.Fields.Count != fields.Length || fields.Any(f => f.MaxRepetitionLevel > 0))
            {
                var nested = reader.Schema.Fields.FirstOrDefault(f => f.SchemaType != SchemaType.Data || f.MaxRepetitionLevel > 0)?.Name;
                return Fail(ValidationRules.MalformedCsv, nested, $"Column '{nested}' is nested (a list, map or struct); only flat columns can be read.");
            }

            var header = fields.Select(f => f.Name.Trim()).ToArray();
            if (CsvDatasetReader.CheckHeader(header) is { } headerError)
            {
                return new CsvStreamResult(null, 0, headerError);
            }

            if (fields.FirstOrDefault(f => !ParquetValues.CanRead(f.ClrType)) is { } binary)
            {
                return Fail(ValidationRules.MalformedCsv, binary.Name, $"Column '{binary.Name}' holds {binary.ClrType.Name} values, which cannot be read as numbers, text or dates.");
            }

            sink.Header(header);
            long rows = 0;
            for (var group = 0; group < reader.RowGroupCount; group++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var rowGroup = reader.OpenRowGroupReader(group);
                var count = checked((int)rowGroup.RowCount);
                var columns = new ParquetValues.CellColumn[fields.Length];
                for (var c = 0; c < fields.Length; c++)
                {
                    columns[c] = await ParquetValues.ReadAsync(rowGroup, fields[c], count, cancellationToken);
                }

                rows += Emit(sink, columns, count, dialect);
            }

            return header.Length == 0
                ? Fail(ValidationRules.EmptyFile, null, "The file has no columns.")
                : new CsvStreamResult(header, rows, null) { Dialect = CsvDialect.Standard with { MissingValues = dialect.MissingValues } };
        }
        catch (CsvReadFault fault)
        {
            return new CsvStreamResult(null, 0, fault.Finding);
        }
        catch (Exception e) when (e is ParquetException or IOException or InvalidDataException or NotSupportedException or OverflowException)
        {
            return Fail(ValidationRules.MalformedCsv, null, $"The file could not be read as Parquet: {e.Message}");
        }
    }

    /// <summary>Hands the row group's rows to the sink, each row's cells written end to end into one reused buffer.</summary>
    private static long Emit(ICsvRowSink sink, ParquetValues.CellColumn[] columns, int count, CsvDialect dialect)
    {
        var declared = dialect.MissingValues is { Count: > 0 };
        var ends = new int[columns.Length];
        var buffer = new char[256];
        for (var row = 0; row < count; row++)
        {
            var length = 0;
            for (var c = 0; c < columns.Length; c++)
            {
                int written;
                while ((written = columns[c].Write(row, buffer.AsSpan(length))) < 0)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                length += declared && dialect.IsDeclaredMissing(buffer.AsSpan(length, written)) ? 0 : written;
                ends[c] = length;
            }

            sink.Row(new CsvRow(buffer.AsSpan(0, length), ends));
        }

        return count;
    }

    private static CsvStreamResult Fail(string rule, string? column, string message) =>
        new(null, 0, new ValidationFinding(Severity.Error, rule, column, message));
}
