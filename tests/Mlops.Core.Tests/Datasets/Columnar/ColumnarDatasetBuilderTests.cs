using System.Text;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;

namespace Mlops.Core.Tests.Datasets.Columnar;

public class ColumnarDatasetBuilderTests
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

    [Fact]
    public void Build_TypesEachColumnByTheSchema_AndCodesRepeatedValuesOnce()
    {
        var data = Read("id,x,color,seen,note,label\n1,1.5,red,2024-03-01,hello,yes\n2,NA, red ,2024-03-02T10:00:00+02:00,hello,no\n3,-2e3,blue,,,yes\n");

        Assert.Equal([1.5f, float.NaN, -2000f], ((NumberColumn)data.Features[0]).Values);
        var colors = (CodedColumn)data.Features[1];
        Assert.Equal([0, 0, 1], colors.Codes);
        Assert.Equal(["red", "blue"], colors.Values);
        var seen = (DateColumn)data.Features[2];
        Assert.Equal(new DateTime(2024, 3, 2, 8, 0, 0, DateTimeKind.Utc).Ticks, seen.Ticks[1]);
        Assert.Equal(DateColumn.Missing, seen.Ticks[2]);
        var notes = (CodedColumn)data.Features[3];
        Assert.Equal([0, 0, CodedColumn.Missing], notes.Codes);
        Assert.Equal([1, 0, 1], ((CodedColumn)data.Label).Codes);
        Assert.Equal("yes", data.Label.Text(0));
        Assert.Null(data.Features[0].Text(1));
        Assert.Equal("-2000", data.Features[0].Text(2));
    }

    [Fact]
    public void Build_RowsWithoutALabel_AreLeftOut_ButCountedInTheFile()
    {
        var data = Read("x,color,seen,note,label\n1,a,,,yes\n2,b,,,\n3,c,,,NA\n4,d,,,no\n");

        Assert.Equal(2, data.RowCount);
        Assert.Equal(4, data.RowsInFile);
        Assert.Equal([1f, 4f], ((NumberColumn)data.Features[0]).Values);
        Assert.False(data.IsSample);
    }

    [Fact]
    public void Build_RowsOfTheSameValues_ShareADigest_AndAnyDifferenceInAnyCellChangesIt()
    {
        var data = Read("id,x,color,seen,note,label\n1,1,a,2024-01-01,,yes\n1,1.0, a,2024-01-01T00:00:00Z,NA,yes\n1,2,a,2024-01-01,,yes\n1,1,b,2024-01-01,,yes\n1,1,a,2024-01-02,,yes\n1,1,a,2024-01-01,hi,yes\n1,1,a,2024-01-01,,no\n2,1,a,2024-01-01,,yes\n");

        // "1.0", " a" and midnight UTC are the values "1", "a" and the date the model reads: the same example. The id
        // is not read, but rows that differ in it are two examples all the same.
        Assert.Equal(data.Digests[0], data.Digests[1]);
        Assert.Equal(7, data.Digests.Skip(1).Distinct().Count());
    }

    [Theory]
    [InlineData("x,color,seen,note,label\nwide,a,,,yes\n", "Column 'x' holds 'wide', which is not a number")]
    [InlineData("x,color,seen,note,label\n1,a,someday,,yes\n", "Column 'seen' holds 'someday', which is not a date")]
    [InlineData("x,color,seen,note,label\n1,a,,,maybe\n", "Label 'label' holds 'maybe', which is not one of the model's classes: no, yes.")]
    [InlineData("x,seen,note,label\n1,,,yes\n", "The data has no column 'color'")]
    public void Build_DataTheSchemaCannotRead_SaysWhichColumnAndWhy(string csv, string expected)
    {
        var error = Assert.Throws<MlopsException>(() => Read(csv));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Derived_IsMadeOnce_HoweverManyAsk()
    {
        var data = Read("x,color,seen,note,label\n1,a,,,yes\n");
        var made = 0;

        var results = Enumerable.Range(0, 16).AsParallel().Select(_ => data.Derived("k", () => { Interlocked.Increment(ref made); return new object(); })).ToList();

        Assert.Equal(1, made);
        Assert.All(results, r => Assert.Same(results[0], r));
    }

    private static ColumnarDataset Read(string csv)
    {
        var builder = new ColumnarDatasetBuilder(Schema);
        var read = CsvDatasetReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), builder, CsvDialectHint.Detect, CancellationToken.None);
        Assert.Null(read.Error);
        return builder.Build();
    }
}
