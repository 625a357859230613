using System.Globalization;
using System.Text.Json;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;
using Mlops.Core.Tests.Datasets;

namespace Mlops.Core.Tests.Profiling;

public class DatasetProfilerTests
{
    private static readonly string[] Colors = ["red", "green", "blue"];

    private static DatasetProfile Profile(CsvBuilder csv, ProfilerSettings? settings = null)
    {
        var profiler = new DatasetProfiler(settings);
        var read = CsvDatasetReader.Read(csv.ToStream(), profiler);
        Assert.Null(read.Error);
        return profiler.Complete();
    }

    private static ColumnProfile Column(DatasetProfile profile, string name) => profile.Columns.Single(c => c.Name == name);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    [Fact]
    public void Types_AreInferredPerColumn()
    {
        var csv = CsvBuilder.WithColumns("n", "c", "b", "z", "d", "t", "e").Rows(200, i => new[]
        {
            Number(i * 0.5),
            Colors[i % 3],
            i % 2 == 0 ? "Yes" : "no",
            (i % 2).ToString(CultureInfo.InvariantCulture),
            new DateTime(2024, 1, 1).AddHours(i * 7).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
            "comment number " + i,
            "NA",
        });

        var profile = Profile(csv);

        Assert.Equal(
            [InferredType.Numeric, InferredType.Categorical, InferredType.Boolean, InferredType.Boolean, InferredType.DateTime, InferredType.Text, InferredType.Empty],
            profile.Columns.Select(c => c.Type));
    }

    [Fact]
    public void NumericColumn_SummaryMatchesTheDefinitions()
    {
        double[] values = [4, 8, 15, 16, 23, 42];
        var csv = CsvBuilder.WithColumns("x", "y").Rows(values.Length, i => [Number(values[i]), "a"]).Row("", "a").Row("NA", "a");

        var column = Column(Profile(csv), "x");

        Assert.Equal((8, 2, 6L), (column.Count, column.Missing, column.Distinct));
        var numeric = column.Numeric!;
        Assert.Equal((4, 42), (numeric.Min, numeric.Max));
        Assert.Equal(18, numeric.Mean, 9);
        Assert.Equal(13.490737563232042, numeric.StdDev, 9);
        Assert.Equal(15.5, numeric.At(0.5)!.Value, 9);
        Assert.Equal(9.75, numeric.At(0.25)!.Value, 9);
        Assert.True(numeric.Exact);
        Assert.Equal(6, column.Histogram.Sum(b => b.Count));
    }

    [Fact]
    public void ColumnsBeyondTheExactBound_SwitchToSketches()
    {
        var csv = CsvBuilder.WithColumns("x", "word").Rows(20_000, i => [Number(i), "w" + (i % 5_000)]);

        var profile = Profile(csv, new ProfilerSettings { ExactValueLimit = 100 });

        var x = Column(profile, "x");
        Assert.False(x.DistinctExact);
        Assert.InRange(x.Distinct, 19_400, 20_600);
        Assert.False(x.Numeric!.Exact);
        Assert.Equal((0, 19_999), (x.Numeric.Min, x.Numeric.Max));
        Assert.Equal(9_999.5, x.Numeric.Mean, 6);
        Assert.InRange(x.Numeric.At(0.5)!.Value, 9_900, 10_100);
        Assert.Equal(20_000, x.Histogram.Sum(b => b.Count));
        var word = Column(profile, "word");
        Assert.InRange(word.Distinct, 4_850, 5_150);
        Assert.False(word.TopCategoriesExact);
        Assert.Null(word.Categories);
    }

    [Fact]
    public void AnEstimatedDistinctCount_NeverExceedsTheValuesThereAre()
    {
        // HyperLogLog put these 2,400 account ids (and 100 missing cells) at 2,527 distinct values, more than the rows.
        var csv = CsvBuilder.WithColumns("account", "y").Rows(2_500, i => [i % 25 == 0 ? "" : $"ACC{i:00000}", "1"]);

        var account = Column(Profile(csv), "account");

        Assert.False(account.DistinctExact);
        Assert.InRange(account.Distinct, 2_300, 2_400);
    }

    [Fact]
    public void FewValues_AreProfiledExactlyWithTopCategories()
    {
        var csv = CsvBuilder.WithColumns("c").Rows(100, i => [i < 60 ? "a" : i < 90 ? "b" : "c"]);

        var column = Column(Profile(csv), "c");

        Assert.Equal([new CategoryCount("a", 60), new CategoryCount("b", 30), new CategoryCount("c", 10)], column.TopCategories);
        Assert.Equal(["a", "b", "c"], column.Categories);
        Assert.True(column.DistinctExact);
    }

    [Fact]
    public void RowsWithoutALabel_AreCountedNotProfiled()
    {
        var csv = CsvBuilder.WithColumns("x", "label").Rows(10, i => [Number(i), i < 3 ? "" : "a"]);

        var profile = Profile(csv, new ProfilerSettings { Label = "label" });

        Assert.Equal((7L, 3L), (profile.Rows, profile.UnlabelledRows));
        Assert.Equal(3, Column(profile, "x").Numeric!.Min);
    }

    [Fact]
    public void SkippedColumns_AreNotProfiled()
    {
        var profile = Profile(CsvBuilder.Typical(), new ProfilerSettings { Skip = ["color"] });

        Assert.Equal(["x", "size", "label"], profile.Columns.Select(c => c.Name));
    }

    [Fact]
    public void DuplicateRows_AreCountedOverTrimmedValuesAndAnyMissingToken()
    {
        var csv = CsvBuilder.WithColumns("a", "b").Row("1", "x").Row(" 1", "x ").Row("2", "NA").Row("2", "").Row("3", "y");

        var profile = Profile(csv);

        Assert.Equal(0.4, profile.DuplicateRowRate, 9);
        Assert.True(profile.DuplicatesExact);
    }

    [Fact]
    public void SameInput_SameProfile()
    {
        var csv = CsvBuilder.WithColumns("x", "w").Rows(30_000, i => [Number(Math.Sin(i) * 1000), "w" + (i * 7 % 3_001)]);

        var first = JsonSerializer.Serialize(Profile(csv), MlopsJson.Options);
        var second = JsonSerializer.Serialize(Profile(csv), MlopsJson.Options);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Sample_HoldsEveryRowOfASmallFile()
    {
        var profile = Profile(CsvBuilder.Typical(50));

        Assert.Equal(50, profile.Sample.Rows.Count);
        Assert.Equal(["x", "color", "size", "label"], profile.Sample.Columns);
    }

    [Fact]
    public void MixedNumbersAndText_IsNotNumeric()
    {
        var csv = CsvBuilder.WithColumns("x").Rows(100, i => [i == 50 ? "unknown" : Number(i % 10)]);

        var column = Column(Profile(csv), "x");

        Assert.Equal(InferredType.Categorical, column.Type);
        Assert.Null(column.Numeric);
    }

    [Fact]
    public void NumbersThenTextBeyondTheBound_DropTheNumericSummary()
    {
        var csv = CsvBuilder.WithColumns("x").Rows(3_000, i => [i == 2_500 ? "unknown" : Number(i)]);

        var column = Column(Profile(csv, new ProfilerSettings { ExactValueLimit = 100 }), "x");

        Assert.Equal(InferredType.Text, column.Type);
        Assert.Null(column.Numeric);
        Assert.False(column.TopCategoriesExact);
    }
}
