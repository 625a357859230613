using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

public class HoldoutSplitTests
{
    private static readonly CsvDataset IrisRows = SampleDatasets.Load(SampleDatasets.Iris);
    private static readonly DatasetSchema IrisSchema = TestSchemas.ForSample(SampleDatasets.Iris);
    private static readonly ColumnarDataset Iris = IrisRows.Typed(IrisSchema);

    [Fact]
    public void Split_SameDataSeedAndFraction_GivesSameRows()
    {
        var first = HoldoutSplit.Split(Iris, 0.2, 42);
        var second = HoldoutSplit.Split(IrisRows.Typed(IrisSchema), 0.2, 42);

        Assert.Equal(first.Training, second.Training);
        Assert.Equal(first.Holdout, second.Holdout);
    }

    [Fact]
    public void Split_AnotherSeed_HoldsOutOtherRows()
    {
        var first = HoldoutSplit.Split(Iris, 0.2, 42).Holdout;
        var second = HoldoutSplit.Split(Iris, 0.2, 43).Holdout;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Split_Classification_HoldsOutTheFractionOfEachClass()
    {
        var (training, holdout) = HoldoutSplit.Split(Iris, 0.2, 42);

        Assert.Equal(150, training.Length + holdout.Length);
        Assert.All(holdout.GroupBy(r => Iris.Label.Text(r)), g => Assert.Equal(10, g.Count()));
        Assert.Empty(training.Intersect(holdout));
    }

    [Fact]
    public void Split_KeepsTheDataRowOrderOnEachSide()
    {
        var (training, holdout) = HoldoutSplit.Split(Iris, 0.2, 42);

        Assert.Equal(training.Order(), training);
        Assert.Equal(holdout.Order(), holdout);
    }

    [Fact]
    public void Split_RowsWithMissingLabel_AreLeftOutOfTheData()
    {
        var rows = IrisRows.Rows.Select((r, i) => i % 10 == 0 ? [.. r[..4], i % 20 == 0 ? "NA" : " "] : r).ToArray();
        var data = new CsvDataset(IrisRows.Columns, rows).Typed(IrisSchema);

        var (training, holdout) = HoldoutSplit.Split(data, 0.2, 42);

        Assert.Equal(150, data.RowsInFile);
        Assert.Equal(135, training.Length + holdout.Length);
    }

    [Fact]
    public void Split_ClassWithTwoRows_PutsOneOnEachSide()
    {
        var rows = IrisRows.Rows.Take(50).Concat(IrisRows.Rows.Skip(50).Take(2)).ToArray();
        var data = new CsvDataset(IrisRows.Columns, rows).Typed(IrisSchema);

        var (training, holdout) = HoldoutSplit.Split(data, 0.2, 42);

        Assert.Single(training, r => data.Label.Text(r) == "versicolor");
        Assert.Single(holdout, r => data.Label.Text(r) == "versicolor");
    }

    [Fact]
    public void Split_IdenticalRows_LandOnTheSameSide()
    {
        var rows = IrisRows.Rows.Concat(IrisRows.Rows.Take(30).Select(r => r.ToArray())).ToArray();
        var data = new CsvDataset(IrisRows.Columns, rows).Typed(IrisSchema);
        string Content(int row) => string.Join(',', rows[row]);

        var split = HoldoutSplit.Split(data, 0.2, 42);

        Assert.Empty(split.Holdout.Select(Content).ToHashSet().Intersect(split.Training.Select(Content)));
    }

    [Fact]
    public void Split_DatasetGrownByAppendedRows_KeepsMostOfItsHoldout()
    {
        var digits = SampleDatasets.Load(SampleDatasets.Digits);
        var schema = TestSchemas.ForSample(SampleDatasets.Digits);
        var older = new CsvDataset(digits.Columns, digits.Rows.Take(1500).ToArray());

        var before = HoldoutSplit.Split(older.Typed(schema), 0.2, 42).Holdout.ToHashSet();
        var after = HoldoutSplit.Split(digits.Typed(schema), 0.2, 42).Holdout;

        // Rows keep their index when others are appended. Old training rows that move into the new holdout would
        // flatter the champion that was fitted on them.
        var movedIn = after.Count(r => r < 1500 && !before.Contains(r));
        Assert.True(movedIn < after.Length / 20, $"{movedIn} of {after.Length} holdout rows were training rows before");
    }

    [Fact]
    public void Split_Regression_HoldsOutTheFractionOverall()
    {
        var data = SampleDatasets.Load(SampleDatasets.Diabetes);

        var (training, holdout) = HoldoutSplit.Split(data.Typed(TestSchemas.ForSample(SampleDatasets.Diabetes)), 0.25, 42);

        Assert.Equal(111, holdout.Length);
        Assert.Equal(331, training.Length);
    }

    [Fact]
    public void Split_SameContentWrittenDifferentlyByTheDialect_SplitsAlike()
    {
        // A decimal-comma file reaches the digest with decimal points, so its twin in the standard dialect splits alike.
        var european = string.Join('\n', [string.Join(';', IrisRows.Columns), .. IrisRows.Rows.Select(r => string.Join(';', r.Select(c => c.Replace('.', ','))))]);
        var read = CsvDatasetReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(european)), CsvDialectHint.Detect, CancellationToken.None).Dataset!;

        Assert.Equal(HoldoutSplit.Split(Iris, 0.2, 42).Holdout, HoldoutSplit.Split(read.Typed(IrisSchema), 0.2, 42).Holdout);
    }
}
