using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training.Search;

public class SearchPlannerTests
{
    private static readonly CsvDataset BreastCancer = SampleDatasets.Load(SampleDatasets.BreastCancer);
    private static readonly DatasetSchema BreastCancerSchema = TestSchemas.ForSample(SampleDatasets.BreastCancer);

    [Fact]
    public void Plan_Defaults_CrossValidatesARandomSearchOfTheTrialBudget()
    {
        var plan = Planner(new TrainingOptions()).Plan(BreastCancer.Typed(BreastCancerSchema), null, []);

        Assert.Equal(SearchStrategy.Random, plan.Strategy);
        Assert.Equal([new SearchRung(12, 1)], plan.Rungs);
        Assert.Equal(12, plan.Configurations.Count);
        Assert.Equal(5, plan.Settings.Folds);
        Assert.Equal(5, plan.Settings.ValidationFolds);
        Assert.Equal("auc", plan.Settings.Metric);
        Assert.Equal(456, plan.TrainingRows);
        Assert.Equal(2, plan.MaxConcurrentTrials);
    }

    [Fact]
    public void Plan_MoreRowsThanCrossValidationAllows_ScoresOneStratifiedHoldoutFold()
    {
        var plan = Planner(new TrainingOptions { CrossValidationMaxRows = 400 }).Plan(BreastCancer.Typed(BreastCancerSchema), null, []);

        Assert.Equal(5, plan.Settings.Folds);
        Assert.Equal(1, plan.Settings.ValidationFolds);
    }

    [Fact]
    public void Plan_Halving_SizesItsRungsFromTheRows()
    {
        var plan = Planner(new TrainingOptions { Strategy = SearchStrategy.Halving, MaxTrials = 24 }).Plan(BreastCancer.Typed(BreastCancerSchema), null, []);

        // 456 training rows, 364 per fold: one rung of a third (121 rows, above the 100-row floor), then all of them.
        Assert.Equal([new SearchRung(18, 1 / 3.0), new SearchRung(6, 1)], plan.Rungs);
        Assert.Equal(24, plan.PlannedTrials);
        Assert.Equal(18, plan.Configurations.Count);
    }

    [Fact]
    public void Plan_Tpe_OneRungOfTheWholeBudget_StartingFromEveryTrainersDefaultsAndRandomDraws()
    {
        var plan = Planner(new TrainingOptions { Strategy = SearchStrategy.Tpe, MaxTrials = 24 }).Plan(BreastCancer.Typed(BreastCancerSchema), null, []);

        Assert.Equal(SearchStrategy.Tpe, plan.Strategy);
        Assert.Equal(MlTask.BinaryClassification, plan.Task);
        Assert.Equal([new SearchRung(24, 1)], plan.Rungs);

        // A third of the budget before the model proposes: the four trainers' defaults, then four random draws.
        Assert.Equal(8, plan.Configurations.Count);
        Assert.Equal(["LightGbmBinary", "LbfgsLogisticRegression", "FastTreeBinary", "FastForestBinary"], plan.Configurations.Take(4).Select(c => c.Trainer));
    }

    [Theory]
    [InlineData(24, 4, 8)]
    [InlineData(12, 4, 4)]
    [InlineData(6, 4, 4)]
    [InlineData(3, 4, 3)]
    [InlineData(60, 3, 20)]
    public void StartupTrials_EveryTrainersDefaultsOrAThirdOfTheBudget_WhicheverIsMore(int budget, int trainers, int expected) =>
        Assert.Equal(expected, SearchPlanner.StartupTrials(budget, trainers));

    [Fact]
    public void Plan_MoreRowsThanTheSearchFitsOn_SamplesEveryTrialDownToSearchMaxRows()
    {
        // 364 training rows a fold fit whole under a cap of 1,000; four times as many are sampled down to it.
        var plan = Planner(new TrainingOptions { SearchMaxRows = 1_000 }).Plan(BreastCancer.Typed(BreastCancerSchema), null, []);
        var capped = Planner(new TrainingOptions { SearchMaxRows = 1_000 }).Plan(Repeated(BreastCancer, 4).Typed(BreastCancerSchema), null, []);

        Assert.Equal([new SearchRung(12, 1)], plan.Rungs);
        var rung = Assert.Single(capped.Rungs);
        var foldRows = capped.TrainingRows * 4 / 5;
        Assert.Equal(1_000.0 / foldRows, rung.Budget, 9);
    }

    [Fact]
    public void Plan_HalvingOnMoreRowsThanTheSearchFitsOn_GrowsItsRungsUpToSearchMaxRows()
    {
        var options = new TrainingOptions { Strategy = SearchStrategy.Halving, MaxTrials = 24, SearchMaxRows = 1_000, HalvingMinRows = 300 };

        var plan = Planner(options).Plan(Repeated(BreastCancer, 4).Typed(BreastCancerSchema), null, []);

        // 1,000 rows afford one rung of a third (333 rows, above the 300-row floor) below the top.
        var top = 1_000.0 / (plan.TrainingRows * 4 / 5);
        Assert.Equal(2, plan.Rungs.Count);
        Assert.Equal(top / 3, plan.Rungs[0].Budget, 9);
        Assert.Equal(top, plan.Rungs[1].Budget, 9);
    }

    [Fact]
    public void Plan_RareClass_HasNoMoreFoldsThanItsRows()
    {
        var rows = BreastCancer.Rows.Where(r => r[^1] == "benign").Concat(BreastCancer.Rows.Where(r => r[^1] == "malignant").Take(4)).ToArray();

        var plan = Planner(new TrainingOptions()).Plan((new CsvDataset(BreastCancer.Columns, rows)).Typed(BreastCancerSchema), null, []);

        Assert.Equal(3, plan.Settings.Folds);
    }

    [Fact]
    public void Plan_SpecMetric_IsTheMetricTrialsAreRankedBy()
    {
        var plan = Planner(new TrainingOptions()).Plan(BreastCancer.Typed(BreastCancerSchema), "F1", []);

        Assert.Equal("f1", plan.Settings.Metric);
    }

    [Fact]
    public void Plan_MetricTheTaskDoesNotReport_Throws()
    {
        var error = Assert.Throws<MlopsException>(() => Planner(new TrainingOptions()).Plan(BreastCancer.Typed(BreastCancerSchema), "rmse", []));

        Assert.Contains("'rmse'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ClassWeightsMitigation_IsAppliedToClassification_NotToRegression()
    {
        var classification = Planner(new TrainingOptions()).Plan(BreastCancer.Typed(BreastCancerSchema), null, ["class-weights", "impute-missing"]);
        var diabetes = SampleDatasets.Load(SampleDatasets.Diabetes);
        var regression = Planner(new TrainingOptions()).Plan(diabetes.Typed(TestSchemas.ForSample(SampleDatasets.Diabetes)), null, ["class-weights"]);

        Assert.True(classification.Settings.ClassWeights);
        Assert.Equal(["class-weights"], classification.Mitigations);
        Assert.False(regression.Settings.ClassWeights);
        Assert.Empty(regression.Mitigations);
    }

    [Fact]
    public void Plan_SameInputs_SamePlan()
    {
        var first = Planner(new TrainingOptions()).Plan(BreastCancer.Typed(BreastCancerSchema), null, []);
        var second = Planner(new TrainingOptions()).Plan(BreastCancer.Typed(BreastCancerSchema), null, []);

        Assert.Equal(first.Configurations, second.Configurations);
        Assert.Equal(first.Settings, second.Settings);
    }

    [Fact]
    public void Plan_RowsThatFillTheMemoryBudget_RunFewerTrialsAtOnce()
    {
        var large = Repeated(BreastCancer, 30).Typed(BreastCancerSchema);

        var tight = Planner(new TrainingOptions { MemoryBudgetMegabytes = 64, MaxConcurrentTrials = 4 }).Plan(large, null, []);
        var roomy = Planner(new TrainingOptions { MemoryBudgetMegabytes = 1_024, MaxConcurrentTrials = 4 }).Plan(large, null, []);

        Assert.Equal(1, tight.MaxConcurrentTrials);
        Assert.Equal(4, roomy.MaxConcurrentTrials);
    }

    [Fact]
    public async Task Plan_TextFeatures_SearchesNeitherFastTreeNorFastForest_NorDoesTheModelBasedSearchProposeThem()
    {
        var schema = BreastCancerSchema with
        {
            Features = [.. BreastCancerSchema.Features.Select((f, i) => i == 0 ? f with { Kind = ColumnKind.Text } : f)],
        };

        var random = Planner(new TrainingOptions()).Plan(BreastCancer.Typed(schema), null, []);
        var tpe = Planner(new TrainingOptions { Strategy = SearchStrategy.Tpe, MaxTrials = 16 }).Plan(BreastCancer.Typed(schema), null, []);
        var outcome = await new TrialSearch(
            tpe,
            t => Task.FromResult(new TrialResult(t.Index, 0, t.Configuration, 1, TrialStatus.Completed, new Dictionary<string, double> { ["auc"] = 0.9 + (t.Index / 1000.0) }, 5, 1, 0.1, null)),
            () => DateTime.UnixEpoch).RunAsync();

        string[] searched = ["LightGbmBinary", "LbfgsLogisticRegression"];
        Assert.Equal(searched, random.Trainers);
        Assert.Equal(12, random.Configurations.Count);
        Assert.All(random.Configurations, c => Assert.Contains(c.Trainer, searched));
        Assert.Contains("FastTreeBinary and FastForestBinary were left out", random.TrainersLeftOut, StringComparison.Ordinal);
        Assert.Equal(16, outcome.Trials.Count);
        Assert.All(outcome.Trials, t => Assert.Contains(t.Configuration.Trainer, searched));
        Assert.Null(Planner(new TrainingOptions()).Plan(BreastCancer.Typed(BreastCancerSchema), null, []).TrainersLeftOut);
    }

    private static SearchPlanner Planner(TrainingOptions options) => new(Options.Create(options));

    private static CsvDataset Repeated(CsvDataset data, int times) =>
        new(data.Columns, [.. Enumerable.Range(0, times).SelectMany(_ => data.Rows)]);
}
