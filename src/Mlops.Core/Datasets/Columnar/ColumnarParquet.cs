using System.Text.Json;
using Parquet;
using Parquet.Schema;

namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// A <see cref="ColumnarDataset"/> as Parquet, so that training on another instance reads typed columns instead of
/// parsing the dataset again: numbers as float, dates as UTC ticks, categories, text and class labels as int32
/// dictionary codes with each column's values in the file's metadata, and each row's digest. Fields are named by
/// position ("c0", "c1", ...) so no column name of the user's can clash or need escaping; the metadata names them.
/// </summary>
public static class ColumnarParquet
{
    /// <summary>The key of the file's metadata entry; its format is versioned so a copy from an older build is rebuilt, never misread.</summary>
    public const string MetadataKey = "mlops.columnar";

    private const int FormatVersion = 1;
    private const int GroupRows = 1 << 20;
    private const string DigestField = "digest";

    public static async Task WriteAsync(ColumnarDataset data, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = data.Features.Append(data.Label).ToArray();
        var fields = columns.Select((c, i) => Field(c, i)).Append(new DataField<long>(DigestField)).ToArray();
        var header = new Header(FormatVersion, data.RowCount, data.RowsInFile, data.IsSample, [.. columns.Select(Describe)]);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), output, cancellationToken: cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string> { [MetadataKey] = JsonSerializer.Serialize(header, MlopsJson.Options) };
        for (var start = 0; start < data.RowCount || start == 0; start += GroupRows)
        {
            var count = Math.Min(GroupRows, data.RowCount - start);
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < columns.Length; i++)
            {
                await (columns[i] switch
                {
                    NumberColumn n => group.WriteAsync<float>(fields[i], n.Values.AsMemory(start, count), cancellationToken: cancellationToken),
                    DateColumn d => group.WriteAsync<long>(fields[i], d.Ticks.AsMemory(start, count), cancellationToken: cancellationToken),
                    CodedColumn c => group.WriteAsync<int>(fields[i], c.Codes.AsMemory(start, count), cancellationToken: cancellationToken),
                    _ => throw new NotSupportedException($"Column '{columns[i].Name}' is a {columns[i].GetType().Name}."),
                });
            }

            var digests = new long[count];
            for (var row = 0; row < count; row++)
            {
                digests[row] = unchecked((long)data.Digests[start + row]);
            }

            await group.WriteAsync<long>(fields[^1], digests.AsMemory(), cancellationToken: cancellationToken);
            if (data.RowCount == 0)
            {
                break;
            }
        }
    }

    /// <summary>
    /// The dataset in <paramref name="input"/>, or null when it is not a copy this build wrote for
    /// <paramref name="schema"/>'s columns (another format version, other columns or kinds): the caller reads the dataset
    /// itself instead.
    /// </summary>
    public static async Task<ColumnarDataset?> ReadAsync(Stream input, DatasetSchema schema, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        await using var reader = await ParquetReader.CreateAsync(input, cancellationToken: cancellationToken);
        if (!reader.CustomMetadata.TryGetValue(MetadataKey, out var json)
            || JsonSerializer.Deserialize<Header>(json, MlopsJson.Options) is not { Version: FormatVersion } header
            || !Matches(header, schema))
        {
            return null;
        }

        var fields = reader.Schema.GetDataFields();
        if (fields.Length != header.Columns.Count + 1)
        {
            return null;
        }

        var rows = header.Rows;
        var arrays = header.Columns.Select(c => c.Storage switch
        {
            Storage.Number => (Array)new float[rows],
            Storage.Date => new long[rows],
            _ => new int[rows],
        }).ToArray();
        var digests = new long[rows];
        var start = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = checked((int)group.RowCount);
            if (start + count > rows)
            {
                return null;
            }

            for (var i = 0; i < arrays.Length; i++)
            {
                await (arrays[i] switch
                {
                    float[] f => group.ReadAsync<float>(fields[i], f.AsMemory(start, count), null, cancellationToken),
                    long[] l => group.ReadAsync<long>(fields[i], l.AsMemory(start, count), null, cancellationToken),
                    int[] n => group.ReadAsync<int>(fields[i], n.AsMemory(start, count), null, cancellationToken),
                    _ => throw new NotSupportedException(),
                });
            }

            await group.ReadAsync<long>(fields[^1], digests.AsMemory(start, count), null, cancellationToken);
            start += count;
        }

        if (start != rows)
        {
            return null;
        }

        var columns = header.Columns.Select((c, i) => Column(c, arrays[i])).ToArray();
        return new ColumnarDataset(schema, columns[..^1], columns[^1], [.. digests.Select(d => unchecked((ulong)d))], header.RowsInFile)
        {
            IsSample = header.IsSample,
        };
    }

    private static DataField Field(TableColumn column, int index) => column switch
    {
        NumberColumn => new DataField<float>($"c{index}"),
        DateColumn => new DataField<long>($"c{index}"),
        _ => new DataField<int>($"c{index}"),
    };

    private static ColumnHeader Describe(TableColumn column) => column switch
    {
        NumberColumn => new ColumnHeader(column.Name, column.Kind, Storage.Number, null),
        DateColumn => new ColumnHeader(column.Name, column.Kind, Storage.Date, null),
        CodedColumn c => new ColumnHeader(column.Name, column.Kind, Storage.Codes, c.Values),
        _ => throw new NotSupportedException($"Column '{column.Name}' is a {column.GetType().Name}."),
    };

    private static TableColumn Column(ColumnHeader header, Array values) => header.Storage switch
    {
        Storage.Number => new NumberColumn(header.Name, (float[])values),
        Storage.Date => new DateColumn(header.Name, (long[])values),
        _ => new CodedColumn(header.Name, header.Kind, (int[])values, header.Values ?? []),
    };

    /// <summary>The copy holds the schema's features in its order, of its kinds, then its label.</summary>
    private static bool Matches(Header header, DatasetSchema schema) =>
        header.Columns.Count == schema.Features.Count + 1
        && header.Columns.Zip(schema.Features).All(p => p.First.Name == p.Second.Name && p.First.Kind == p.Second.Kind)
        && header.Columns[^1].Name == schema.Label;

    private enum Storage
    {
        Number,
        Date,
        Codes,
    }

    private sealed record Header(int Version, int Rows, long RowsInFile, bool IsSample, IReadOnlyList<ColumnHeader> Columns);

    private sealed record ColumnHeader(string Name, ColumnKind Kind, Storage Storage, IReadOnlyList<string>? Values);
}
