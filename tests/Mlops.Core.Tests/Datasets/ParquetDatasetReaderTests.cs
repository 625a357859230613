using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Tests.Training;
using Mlops.Core.Training;
using Mlops.Core.Validation;
using Mlops.Testing;
using Parquet;
using Parquet.Schema;

namespace Mlops.Core.Tests.Datasets;

/// <summary>Parquet files through the same gate and training as CSV: each value read as the text a CSV would hold.</summary>
public sealed class ParquetDatasetReaderTests
{
    [Fact]
    public async Task ReadAsync_EveryPrimitiveType_ReadsAsInvariantText_NullsAsMissing()
    {
        DataField[] fields = [new DataField<int>("count"), new DataField<double?>("ratio"), new DataField<string>("name"), new DataField<bool>("flag"), new DataField<DateTime>("at"), new DataField<decimal>("price")];
        var bytes = await WriteAsync(
            fields,
            async group =>
            {
                await group.WriteAsync<int>(fields[0], new[] { 3, -7 }.AsMemory());
                await group.WriteAsync<double>(fields[1], new double?[] { 0.1, null }.AsMemory());
                await group.WriteAsync(fields[2], new[] { "a,b", null! });
                await group.WriteAsync<bool>(fields[3], new[] { true, false }.AsMemory());
                await group.WriteAsync<DateTime>(fields[4], new[] { new DateTime(2024, 3, 1, 10, 30, 0, DateTimeKind.Utc), new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc) }.AsMemory());
                await group.WriteAsync<decimal>(fields[5], new[] { 12.5m, 0m }.AsMemory());
            });
        var rows = new Collected();

        var read = await ParquetDatasetReader.ReadAsync(new MemoryStream(bytes), rows, CancellationToken.None);

        Assert.True(read.Error is null, read.Error?.Message);
        Assert.Equal(2, read.Rows);
        Assert.Equal(CsvDialect.Standard, read.Dialect);
        Assert.Equal(["count", "ratio", "name", "flag", "at", "price"], rows.Header);
        Assert.Equal(["3", "0.1", "a,b", "true", "2024-03-01T10:30:00.0000000", "12.5"], rows.Rows[0]);
        Assert.Equal("", rows.Rows[1][1]);
        Assert.Equal("", rows.Rows[1][2]);
        Assert.Equal("-7", rows.Rows[1][0]);
        Assert.True(DateTime.TryParse(rows.Rows[1][4], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date) && date.Year == 2025);
    }

    [Fact]
    public async Task ReadAsync_TheSpecsMissingValues_ReachTheSinkEmpty_InEveryColumn()
    {
        DataField[] fields = [new DataField<string>("income"), new DataField<int>("code")];
        var bytes = await WriteAsync(
            fields,
            async group =>
            {
                await group.WriteAsync(fields[0], new[] { "1200.5", " Pending ", "980" });
                await group.WriteAsync<int>(fields[1], new[] { 7, -999, 3 }.AsMemory());
            });
        var rows = new Collected();
        var dialect = CsvDialect.Standard with { MissingValues = ["pending", "-999"] };

        var read = await ParquetDatasetReader.ReadAsync(new MemoryStream(bytes), rows, dialect, CancellationToken.None);

        Assert.True(read.Error is null, read.Error?.Message);
        Assert.Equal([["1200.5", "7"], ["", ""], ["980", "3"]], rows.Rows);
        Assert.Equal(dialect, read.Dialect);
    }

    [Fact]
    public async Task TheBreastCancerSample_AsParquet_PassesTheGate_AndTrainsAsItsCsvDoes()
    {
        var csv = SampleDatasets.Load(SampleDatasets.BreastCancer);
        var bytes = await SampleAsParquetAsync(csv);
        var validator = new DatasetValidator(Options.Create(new ValidationOptions()));

        var parquetReport = await validator.ValidateAsync(new MemoryStream(bytes), DatasetFormat.Parquet, "{\"label\":\"label\"}");
        var csvReport = validator.Validate(new MemoryStream(SampleDatasets.Bytes(SampleDatasets.BreastCancer)), "{\"label\":\"label\"}");

        Assert.True(parquetReport.Passed, string.Join("; ", parquetReport.Findings.Select(f => f.Message)));
        Assert.Equal(csvReport.Schema!.Features, parquetReport.Schema!.Features);
        Assert.Equal(csvReport.Schema.ClassLabels, parquetReport.Schema.ClassLabels);
        Assert.Equal(csvReport.Rows, parquetReport.Rows);

        // The same values typed alike: the same digests, so the same split, folds and model.
        var builder = new ColumnarDatasetBuilder(parquetReport.Schema);
        Assert.Null((await DatasetFiles.ReadAsync(new MemoryStream(bytes), DatasetFormat.Parquet, builder, CsvDialectHint.Detect, CancellationToken.None)).Error);
        var fromParquet = builder.Build();
        var fromCsv = csv.Typed(csvReport.Schema);
        Assert.Equal(fromCsv.Digests, fromParquet.Digests);
        var trainer = new ModelTrainer(TestSchemas.DefaultOptions);
        Assert.Equal(trainer.Train(fromCsv).Metrics, trainer.Train(fromParquet).Metrics);
    }

    [Fact]
    public async Task ANestedColumn_MakesTheFileUnreadable_NamingIt()
    {
        var x = new DataField<int>("x");
        var element = new DataField<string>("element");
        var bytes = await WriteAsync(
            [x, new ListField("tags", element)],
            async group =>
            {
                await group.WriteAsync<int>(x, new[] { 1 }.AsMemory());
                await group.WriteAsync(element, new[] { "a" }, new[] { 0 }.AsMemory());
            });

        var read = await ParquetDatasetReader.ReadAsync(new MemoryStream(bytes), new Collected(), CancellationToken.None);

        Assert.Equal(ValidationRules.MalformedCsv, read.Error!.Rule);
        Assert.Contains("'tags'", read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotAParquetFile_IsMalformed_NotAFault()
    {
        var read = await ParquetDatasetReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")), new Collected(), CancellationToken.None);

        Assert.Equal(ValidationRules.MalformedCsv, read.Error!.Rule);
        Assert.Contains("Parquet", read.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileOverTheDatasetLimit_IsRefusedWithTheLimit()
    {
        var bytes = await SampleAsParquetAsync(SampleDatasets.Load(SampleDatasets.Iris));
        var loader = new DatasetLoader(new OneDatasetStore(bytes), Options.Create(new Ingestion.IngestionOptions { MaxUploadBytes = 100, MaxDatasetBytes = bytes.Length - 1 }));
        var dataset = new DatasetRef("m", "m/x.parquet", "00", "etag");

        await using var stream = await loader.OpenAsync(dataset, CancellationToken.None);
        var read = await DatasetFiles.ReadAsync(stream, DatasetLoader.Format(dataset), new Collected(), CsvDialectHint.Detect, CancellationToken.None);

        Assert.Equal(ValidationRules.DatasetTooLarge, read.Error!.Rule);
        Assert.Contains($"{bytes.Length - 1:N0}", read.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m/a.csv", DatasetFormat.Csv)]
    [InlineData("m/a.PARQUET", DatasetFormat.Parquet)]
    [InlineData("m/mlops.json", null)]
    [InlineData("m/a.parquet.tmp", null)]
    public void FormatOf_TellsDatasetsByExtension(string name, DatasetFormat? expected) =>
        Assert.Equal(expected, DatasetFiles.FormatOf(name));

    /// <summary>The sample as a data scientist would save it from pandas: numbers as doubles, the label as text.</summary>
    internal static Task<byte[]> SampleAsParquetAsync(CsvDataset data)
    {
        var fields = data.Columns.Select(c => c == "label" ? (DataField)new DataField<string>(c) : new DataField<double>(c)).ToArray();
        return WriteAsync(fields, async group =>
        {
            for (var c = 0; c < fields.Length; c++)
            {
                var values = data.Rows.Select(r => r[c]).ToArray();
                if (data.Columns[c] == "label")
                {
                    await group.WriteAsync(fields[c], values);
                }
                else
                {
                    await group.WriteAsync<double>(fields[c], values.Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray().AsMemory());
                }
            }
        });
    }

    private static async Task<byte[]> WriteAsync(Field[] fields, Func<ParquetRowGroupWriter, Task> write)
    {
        using var buffer = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), buffer))
        {
            using var group = writer.CreateRowGroup();
            await write(group);
        }

        return buffer.ToArray();
    }

    private sealed class Collected : ICsvRowSink
    {
        public IReadOnlyList<string> Header { get; private set; } = [];

        public List<string[]> Rows { get; } = [];

        void ICsvRowSink.Header(IReadOnlyList<string> columns) => Header = columns;

        public void Row(CsvRow row)
        {
            var cells = new string[row.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = row.GetString(i);
            }

            Rows.Add(cells);
        }
    }
}
