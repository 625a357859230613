using System.Globalization;
using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;
using Parquet;

namespace Mlops.Core.Tests.Datasets.Columnar;

/// <summary>The stored typed copy reads back as the dataset it was written from, and is refused for another shape.</summary>
public class ColumnarParquetTests
{
    private static readonly DatasetSchema Schema = new(
        [
            new ColumnSchema("x", ColumnKind.Numeric),
            new ColumnSchema("color", ColumnKind.Categorical),
            new ColumnSchema("seen", ColumnKind.Date),
            new ColumnSchema("note", ColumnKind.Text),
        ],
        "label",
        MlTask.BinaryClassification,
        ["no", "yes"]);

    private static ColumnarDataset Build(DatasetSchema schema, int rows, RowSampling? sampling = null)
    {
        var csv = new StringBuilder("x,color,seen,note,label\n");
        for (var i = 0; i < rows; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 11 == 0 ? "NA" : (i * 0.25).ToString(CultureInfo.InvariantCulture))},{(i % 3 == 0 ? "red" : "blue")},");
            csv.Append(CultureInfo.InvariantCulture, $"{(i % 7 == 0 ? "" : new DateTime(2024, 1, 1).AddHours(i).ToString("s", CultureInfo.InvariantCulture))},\"note, {i % 50}\",");
            csv.Append(schema.Task == MlTask.Regression ? (i * 1.5).ToString(CultureInfo.InvariantCulture) : i % 2 == 0 ? "yes" : i % 13 == 0 ? "" : "no").Append('\n');
        }

        var builder = new ColumnarDatasetBuilder(schema, sampling);
        Assert.Null(CsvDatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), builder).Error);
        return builder.Build();
    }

    private static async Task<(ColumnarDataset? Copy, long Bytes)> RoundTripAsync(ColumnarDataset data, DatasetSchema readAs)
    {
        using var stream = new MemoryStream();
        await ColumnarParquet.WriteAsync(data, stream, CancellationToken.None);
        stream.Position = 0;
        return (await ColumnarParquet.ReadAsync(stream, readAs, CancellationToken.None), stream.Length);
    }

    private static void AssertSame(ColumnarDataset expected, ColumnarDataset actual)
    {
        Assert.Equal(expected.Digests, actual.Digests);
        Assert.Equal((expected.RowsInFile, expected.IsSample), (actual.RowsInFile, actual.IsSample));
        foreach (var (e, a) in expected.Features.Append(expected.Label).Zip(actual.Features.Append(actual.Label)))
        {
            Assert.Equal((e.Name, e.Kind, e.GetType()), (a.Name, a.Kind, a.GetType()));
            Assert.Equal(Enumerable.Range(0, e.Count).Select(e.Text), Enumerable.Range(0, a.Count).Select(a.Text));
        }
    }

    [Fact]
    public async Task ACopy_ReadsBackColumnForColumn_WithDigestsAndMissingValues()
    {
        var data = Build(Schema, 5_000);

        var (copy, bytes) = await RoundTripAsync(data, Schema);

        Assert.NotNull(copy);
        AssertSame(data, copy);
        Assert.Equal(((NumberColumn)data.Features[0]).Values, ((NumberColumn)copy.Features[0]).Values);
        Assert.Equal(((CodedColumn)data.Features[3]).Codes, ((CodedColumn)copy.Features[3]).Codes);
        Assert.True(data.RowsInFile > data.RowCount, "rows without a label are counted in the file, not kept");

        // Codes and floats, not text: well under the CSV's size.
        Assert.InRange(bytes, 1, 5_000 * 20);
    }

    [Fact]
    public async Task ASample_AndARegressionLabel_ReadBackAsWritten()
    {
        var schema = Schema with { Task = MlTask.Regression, ClassLabels = [] };
        var data = Build(schema, 3_000, new RowSampling(1_000, null, 7));

        var (copy, _) = await RoundTripAsync(data, schema);

        Assert.True(data.IsSample);
        AssertSame(data, copy!);
        Assert.IsType<NumberColumn>(copy!.Label);
    }

    [Fact]
    public async Task ACopyOfOtherColumns_IsRefused()
    {
        var data = Build(Schema, 100);
        var other = Schema with { Features = [.. Schema.Features.Select(f => f.Name == "note" ? f with { Kind = ColumnKind.Categorical } : f)] };

        Assert.Null((await RoundTripAsync(data, other)).Copy);
        Assert.Null((await RoundTripAsync(data, Schema with { Label = "x" })).Copy);
    }

    [Fact]
    public async Task AParquetFileWithoutOurMetadata_IsRefused()
    {
        using var stream = new MemoryStream();
        var field = new Parquet.Schema.DataField<float>("c0");
        await using (var writer = await ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(field), stream))
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<float>(field, new[] { 1f, 2f }.AsMemory());
        }

        stream.Position = 0;
        Assert.Null(await ColumnarParquet.ReadAsync(stream, Schema, CancellationToken.None));
    }
}
