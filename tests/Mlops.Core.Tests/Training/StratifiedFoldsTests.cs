using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

public class StratifiedFoldsTests
{
    private static readonly ColumnarDataset Wine = SampleDatasets.Load(SampleDatasets.Wine).Typed(TestSchemas.ForSample(SampleDatasets.Wine));
    private static readonly int[] All = [.. Enumerable.Range(0, Wine.RowCount)];

    [Fact]
    public void Assign_PutsEachClassInEveryFoldInProportion()
    {
        var folds = StratifiedFolds.Assign(Wine, All, 5, 42);

        foreach (var byClass in All.Select(i => (Class: Wine.Label.Text(i), folds[i].Fold)).GroupBy(p => p.Class))
        {
            var perFold = byClass.GroupBy(p => p.Fold).Select(g => g.Count()).ToList();
            Assert.Equal(5, perFold.Count);
            Assert.True(perFold.Max() - perFold.Min() <= 1, $"class {byClass.Key}: {string.Join(",", perFold)}");
        }
    }

    [Fact]
    public void Assign_SameSeed_SameFolds_AnotherSeed_OtherFolds()
    {
        var first = StratifiedFolds.Assign(Wine, All, 5, 42);
        var again = StratifiedFolds.Assign(Wine, All, 5, 42);
        var other = StratifiedFolds.Assign(Wine, All, 5, 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first.Select(f => f.Fold), other.Select(f => f.Fold));
    }

    [Fact]
    public void Assign_SomeRows_AlignsAssignmentsWithThem()
    {
        var odd = All.Where(i => i % 2 == 1).ToArray();

        var folds = StratifiedFolds.Assign(Wine, odd, 3, 42);

        Assert.Equal(odd.Length, folds.Count);
        Assert.All(folds.GroupBy(f => f.Fold), g => Assert.InRange(g.Count(), (odd.Length / 3) - 2, (odd.Length / 3) + 2));
    }

    [Fact]
    public void Assign_Regression_BalancesFoldSizes()
    {
        var diabetes = SampleDatasets.Load(SampleDatasets.Diabetes).Typed(TestSchemas.ForSample(SampleDatasets.Diabetes));

        var folds = StratifiedFolds.Assign(diabetes, [.. Enumerable.Range(0, diabetes.RowCount)], 5, 42);

        Assert.All(folds.GroupBy(f => f.Fold), g => Assert.InRange(g.Count(), 88, 89));
    }

    [Theory]
    [InlineData(1 / 3.0)]
    [InlineData(1 / 9.0)]
    public void InSubsample_KeepsTheBudgetsShareOfEachClass(double budget)
    {
        var folds = StratifiedFolds.Assign(Wine, All, 5, 42);

        var kept = All.Where(i => StratifiedFolds.InSubsample(folds[i], budget)).ToList();

        foreach (var byClass in All.GroupBy(i => Wine.Label.Text(i)))
        {
            Assert.Equal((int)Math.Ceiling(budget * byClass.Count()), kept.Count(i => Wine.Label.Text(i) == byClass.Key));
        }
    }
}
