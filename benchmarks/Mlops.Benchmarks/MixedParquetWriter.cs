using System.Globalization;
using Mlops.Core.Datasets;
using Parquet;
using Parquet.Schema;

namespace Mlops.Benchmarks;

/// <summary>
/// Writes the mixed-type CSV (<see cref="MixedCsvGenerator"/>) as Parquet, typed as a data scientist's pandas frame
/// would save it: integers, doubles with nulls, strings, a boolean, timestamps; row groups of a million rows.
/// </summary>
public sealed class MixedParquetWriter : ICsvRowSink
{
    private const int GroupRows = 1_000_000;

    private static readonly DataField[] Fields =
    [
        new DataField<long>("id"), new DataField<double?>("age"), new DataField<double?>("income"), new DataField<double>("score"),
        new DataField<string>("city"), new DataField<string>("segment"), new DataField<bool>("active"),
        new DataField<DateTime>("signup_date"), new DataField<DateTime>("last_seen"), new DataField<string>("comment"), new DataField<long>("label"),
    ];

    private readonly List<string[]> rows = new(GroupRows);
    private readonly ParquetWriter writer;

    private MixedParquetWriter(ParquetWriter writer) => this.writer = writer;

    public static async Task ConvertAsync(string csvPath, string parquetPath)
    {
        await using var output = File.Create(parquetPath);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(Fields), output);
        var sink = new MixedParquetWriter(writer);
        using (var input = File.OpenRead(csvPath))
        {
            var read = CsvDatasetReader.Read(input, sink, CsvDialectHint.Detect, CancellationToken.None);
            if (read.Error is not null)
            {
                throw new InvalidDataException(read.Error.Message);
            }
        }

        await sink.FlushAsync();
    }

    public void Header(IReadOnlyList<string> columns)
    {
        if (!columns.SequenceEqual(Fields.Select(f => f.Name)))
        {
            throw new InvalidDataException($"Expected the mixed CSV's columns: {MixedCsvGenerator.Header}");
        }
    }

    public void Row(CsvRow row)
    {
        var cells = new string[row.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = row.GetString(i);
        }

        rows.Add(cells);
        if (rows.Count == GroupRows)
        {
            FlushAsync().GetAwaiter().GetResult();
        }
    }

    private async Task FlushAsync()
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var group = writer.CreateRowGroup();
        await group.WriteAsync<long>(Fields[0], Column(0, Integer).AsMemory());
        await group.WriteAsync<double>(Fields[1], Column(1, Nullable).AsMemory());
        await group.WriteAsync<double>(Fields[2], Column(2, Nullable).AsMemory());
        await group.WriteAsync<double>(Fields[3], Column(3, Number).AsMemory());
        await group.WriteAsync(Fields[4], Column(4, v => v));
        await group.WriteAsync(Fields[5], Column(5, v => v.Length == 0 ? null : v));
        await group.WriteAsync<bool>(Fields[6], Column(6, bool.Parse).AsMemory());
        await group.WriteAsync<DateTime>(Fields[7], Column(7, Date).AsMemory());
        await group.WriteAsync<DateTime>(Fields[8], Column(8, Date).AsMemory());
        await group.WriteAsync(Fields[9], Column(9, v => v));
        await group.WriteAsync<long>(Fields[10], Column(10, Integer).AsMemory());
        rows.Clear();
    }

    private T[] Column<T>(int index, Func<string, T> parse) => [.. rows.Select(r => parse(r[index]))];

    private static long Integer(string value) => long.Parse(value, CultureInfo.InvariantCulture);

    private static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private static double? Nullable(string value) => value.Length == 0 ? null : double.Parse(value, CultureInfo.InvariantCulture);

    private static DateTime Date(string value) => DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
