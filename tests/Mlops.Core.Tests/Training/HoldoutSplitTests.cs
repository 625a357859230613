using Mlops.Core.Datasets;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

public class HoldoutSplitTests
{
    private static readonly CsvDataset Iris = SampleDatasets.Load(SampleDatasets.Iris);
    private static readonly DatasetSchema IrisSchema = TestSchemas.ForSample(SampleDatasets.Iris);

    [Fact]
    public void Split_SameDataSeedAndFraction_GivesSameRows()
    {
        var first = HoldoutSplit.Split(Iris, IrisSchema, 0.2, 42);
        var second = HoldoutSplit.Split(Iris, IrisSchema, 0.2, 42);

        Assert.Equal(first.Training, second.Training);
        Assert.Equal(first.Holdout, second.Holdout);
    }

    [Fact]
    public void Split_AnotherSeed_HoldsOutOtherRows()
    {
        var first = HoldoutSplit.Split(Iris, IrisSchema, 0.2, 42).Holdout;
        var second = HoldoutSplit.Split(Iris, IrisSchema, 0.2, 43).Holdout;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Split_Classification_HoldsOutTheFractionOfEachClass()
    {
        var (training, holdout) = HoldoutSplit.Split(Iris, IrisSchema, 0.2, 42);

        Assert.Equal(150, training.Count + holdout.Count);
        Assert.All(holdout.GroupBy(r => r[4]), g => Assert.Equal(10, g.Count()));
        Assert.Empty(training.Intersect(holdout));
    }

    [Fact]
    public void Split_KeepsTheDataRowOrderOnEachSide()
    {
        var (training, holdout) = HoldoutSplit.Split(Iris, IrisSchema, 0.2, 42);
        var position = Iris.Rows.Select((row, i) => (row, i)).ToDictionary(p => p.row, p => p.i);

        Assert.Equal(training.Select(r => position[r]).Order(), training.Select(r => position[r]));
        Assert.Equal(holdout.Select(r => position[r]).Order(), holdout.Select(r => position[r]));
    }

    [Fact]
    public void Split_RowsWithMissingLabel_AreExcluded()
    {
        var rows = Iris.Rows.Select((r, i) => i % 10 == 0 ? [.. r[..4], i % 20 == 0 ? "NA" : " "] : r).ToArray();
        var data = new CsvDataset(Iris.Columns, rows);

        var (training, holdout) = HoldoutSplit.Split(data, IrisSchema, 0.2, 42);

        Assert.Equal(135, training.Count + holdout.Count);
        Assert.DoesNotContain(training.Concat(holdout), r => MissingValues.IsMissing(r[4]));
    }

    [Fact]
    public void Split_ClassWithTwoRows_PutsOneOnEachSide()
    {
        var rows = Iris.Rows.Take(50).Concat(Iris.Rows.Skip(50).Take(2)).ToArray();
        var data = new CsvDataset(Iris.Columns, rows);

        var (training, holdout) = HoldoutSplit.Split(data, IrisSchema, 0.2, 42);

        Assert.Single(training, r => r[4] == "versicolor");
        Assert.Single(holdout, r => r[4] == "versicolor");
    }

    [Fact]
    public void Split_IdenticalRows_LandOnTheSameSide()
    {
        var rows = Iris.Rows.Concat(Iris.Rows.Take(30).Select(r => r.ToArray())).ToArray();
        var data = new CsvDataset(Iris.Columns, rows);

        var holdout = HoldoutSplit.Split(data, IrisSchema, 0.2, 42).Holdout.Select(r => string.Join(',', r)).ToHashSet();
        var training = HoldoutSplit.Split(data, IrisSchema, 0.2, 42).Training.Select(r => string.Join(',', r)).ToHashSet();

        Assert.Empty(holdout.Intersect(training));
    }

    [Fact]
    public void Split_DatasetGrownByAppendedRows_KeepsMostOfItsHoldout()
    {
        var digits = SampleDatasets.Load(SampleDatasets.Digits);
        var schema = TestSchemas.ForSample(SampleDatasets.Digits);
        var older = new CsvDataset(digits.Columns, digits.Rows.Take(1500).ToArray());

        var before = HoldoutSplit.Split(older, schema, 0.2, 42).Holdout.ToHashSet();
        var after = HoldoutSplit.Split(digits, schema, 0.2, 42).Holdout;

        // Old training rows that move into the new holdout would flatter the champion that was fitted on them.
        var movedIn = after.Count(r => older.Rows.Contains(r) && !before.Contains(r));
        Assert.True(movedIn < after.Count / 20, $"{movedIn} of {after.Count} holdout rows were training rows before");
    }

    [Fact]
    public void Split_Regression_HoldsOutTheFractionOverall()
    {
        var data = SampleDatasets.Load(SampleDatasets.Diabetes);

        var (training, holdout) = HoldoutSplit.Split(data, TestSchemas.ForSample(SampleDatasets.Diabetes), 0.25, 42);

        Assert.Equal(111, holdout.Count);
        Assert.Equal(331, training.Count);
    }
}
