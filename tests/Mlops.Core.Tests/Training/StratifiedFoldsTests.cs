using Mlops.Core.Datasets;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

public class StratifiedFoldsTests
{
    private static readonly CsvDataset Wine = SampleDatasets.Load(SampleDatasets.Wine);
    private static readonly int Label = Wine.IndexOf("label");

    [Fact]
    public void Assign_PutsEachClassInEveryFoldInProportion()
    {
        var folds = StratifiedFolds.Assign(Wine.Rows, Label, MlTask.MulticlassClassification, 5, 42);

        foreach (var byClass in Wine.Rows.Select((r, i) => (Class: r[Label], folds[i].Fold)).GroupBy(p => p.Class))
        {
            var perFold = byClass.GroupBy(p => p.Fold).Select(g => g.Count()).ToList();
            Assert.Equal(5, perFold.Count);
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {byClass.Key}: {string.Join(",", perFold)}");
        }
    }

    [Fact]
    public void Assign_SameSeed_SameFolds_AnotherSeed_OtherFolds()
    {
        var first = StratifiedFolds.Assign(Wine.Rows, Label, MlTask.MulticlassClassification, 5, 42);
        var again = StratifiedFolds.Assign(Wine.Rows, Label, MlTask.MulticlassClassification, 5, 42);
        var other = StratifiedFolds.Assign(Wine.Rows, Label, MlTask.MulticlassClassification, 5, 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(f => f.Fold), other.Select(f => f.Fold));
    }

    [Fact]
    public void Assign_Regression_BalancesFoldSizes()
    {
        var diabetes = SampleDatasets.Load(SampleDatasets.Diabetes);

        var folds = StratifiedFolds.Assign(diabetes.Rows, diabetes.IndexOf("label"), MlTask.Regression, 5, 42);

        Assert.All(folds.GroupBy(f => f.Fold), g => Assert.InRange(g.Count(), 88, 89));
    }

    [Theory]
    [InlineData(1 / 3.0)]
    [InlineData(1 / 9.0)]
    public void InSubsample_KeepsTheBudgetsShareOfEachClass(double budget)
    {
        var folds = StratifiedFolds.Assign(Wine.Rows, Label, MlTask.MulticlassClassification, 5, 42);

        var kept = Wine.Rows.Where((_, i) => StratifiedFolds.InSubsample(folds[i], budget)).ToList();

        foreach (var byClass in Wine.Rows.GroupBy(r => r[Label]))
        {
            Assert.Equal((int)Math.Ceiling(budget * byClass.Count()), kept.Count(r => r[Label] == byClass.Key));
        }
    }
}
