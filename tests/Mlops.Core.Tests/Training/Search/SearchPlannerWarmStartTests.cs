using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training.Search;

public class SearchPlannerWarmStartTests
{
    private static readonly CsvDataset BreastCancer = SampleDatasets.Load(SampleDatasets.BreastCancer);
    private static readonly DatasetSchema BreastCancerSchema = TestSchemas.ForSample(SampleDatasets.BreastCancer);

    /// <summary>A champion that is not any trainer's defaults nor a likely draw, so nothing in a cold plan equals it.</summary>
    private static readonly TrialConfiguration Champion = LightGbm(iterations: 237, leaves: 19);
    private static readonly TrialConfiguration Second = LightGbm(iterations: 151, leaves: 12);
    private static readonly TrialConfiguration Third = new("LbfgsLogisticRegression", new Dictionary<string, double> { ["l2Regularization"] = 0.37, ["l1Regularization"] = 0.0021 });

    [Fact]
    public void Plan_WarmStart_PutsTheChampionFirst_ThenItsSearchsBestTrials_AndKeepsTheBudget()
    {
        var cold = Plan(new TrainingOptions(), null);

        var plan = Plan(new TrainingOptions(), new WarmStart(3, Champion, [Second, Third]));

        Assert.Equal([Champion, Second, Third], plan.Configurations.Take(3));
        Assert.Equal(cold.Configurations.Take(9), plan.Configurations.Skip(3));
        Assert.Equal(12, plan.Configurations.Count);
        Assert.Equal([new SearchRung(12, 1)], plan.Rungs);
        Assert.Equal(3, plan.WarmStart?.Version);
        Assert.Equal(Champion, plan.WarmStart?.Champion);
        Assert.Equal([Second, Third], plan.WarmStart!.BestTrials);
        Assert.Null(cold.WarmStart);
    }

    [Fact]
    public void Plan_WarmStartConfigurationsTheTrainersDoNotAccept_AreDropped()
    {
        TrialConfiguration[] invalid =
        [
            new("NoSuchTrainer", new Dictionary<string, double>()),
            new("LightGbmMulticlass", new Dictionary<string, double>()),
            LightGbm(iterations: 237, leaves: 1_000),
            LightGbm(iterations: 237.5, leaves: 19),
            LightGbm(iterations: double.NaN, leaves: 19),
            new("LightGbmBinary", new Dictionary<string, double> { ["numberOfIterations"] = 237, ["maximumDepth"] = 6 }),
        ];

        var plan = Plan(new TrainingOptions(), new WarmStart(3, invalid[0], [.. invalid[1..], Second]));

        Assert.Null(plan.WarmStart?.Champion);
        Assert.Equal([Second], plan.WarmStart!.BestTrials);
        Assert.Equal(Second, plan.Configurations[0]);
        Assert.Equal(12, plan.Configurations.Count);
        Assert.All(invalid, i => Assert.DoesNotContain(i, plan.Configurations));
    }

    [Fact]
    public void Plan_WarmStartNoneOfWhichIsAccepted_IsTheColdPlan()
    {
        var cold = Plan(new TrainingOptions(), null);

        var plan = Plan(new TrainingOptions(), new WarmStart(3, new TrialConfiguration("NoSuchTrainer", new Dictionary<string, double>()), []));

        Assert.Null(plan.WarmStart);
        Assert.Equal(cold.Configurations, plan.Configurations);
    }

    [Fact]
    public void Plan_WarmStartRepeatingAConfiguration_TriesEachOnce_WithDefaultsFillingWhatItLeavesOut()
    {
        // The champion trained with LightGbm's defaults; an empty configuration means the same point, as does the
        // sampler's first draw, so the three are one trial.
        var defaults = new TrialConfiguration("LightGbmBinary", new Dictionary<string, double>(SearchSpaces.LightGbmDefaults));
        var empty = new TrialConfiguration("LightGbmBinary", new Dictionary<string, double>());

        var plan = Plan(new TrainingOptions(), new WarmStart(5, defaults, [empty, Second, Second, Third]));

        Assert.Equal([defaults, Second, Third], plan.Configurations.Take(3));
        Assert.Equal(plan.Configurations.Count, plan.Configurations.Distinct().Count());
        Assert.Equal(12, plan.Configurations.Count);
        Assert.Equal([Second, Third], plan.WarmStart!.BestTrials);
    }

    [Fact]
    public void Plan_WarmStartOfMoreThanThree_KeepsTheChampionAndTheTwoBest()
    {
        var plan = Plan(new TrainingOptions(), new WarmStart(2, Champion, [Second, Third, LightGbm(iterations: 90, leaves: 8), LightGbm(iterations: 60, leaves: 6)]));

        Assert.Equal(WarmStart.MaxConfigurations, plan.WarmStart!.Configurations().Count);
        Assert.Equal([Champion, Second, Third], plan.Configurations.Take(3));
        Assert.DoesNotContain(LightGbm(iterations: 90, leaves: 8), plan.Configurations);
    }

    [Fact]
    public void Plan_BudgetSmallerThanTheWarmStart_RecordsOnlyWhatItTries()
    {
        var plan = Plan(new TrainingOptions { MaxTrials = 2 }, new WarmStart(2, Champion, [Second, Third]));

        Assert.Equal([Champion, Second], plan.Configurations);
        Assert.Equal([Second], plan.WarmStart!.BestTrials);
        Assert.Equal(2, plan.PlannedTrials);
    }

    [Fact]
    public void Plan_Halving_WarmStartsTheFirstRung()
    {
        var cold = Plan(new TrainingOptions { Strategy = SearchStrategy.Halving, MaxTrials = 24 }, null);

        var plan = Plan(new TrainingOptions { Strategy = SearchStrategy.Halving, MaxTrials = 24 }, new WarmStart(1, Champion, [Second, Third]));

        Assert.Equal(cold.Rungs, plan.Rungs);
        Assert.Equal(18, plan.Configurations.Count);
        Assert.Equal([Champion, Second, Third], plan.Configurations.Take(3));
        Assert.Equal(cold.Configurations.Take(15), plan.Configurations.Skip(3));
    }

    [Fact]
    public void Plan_Tpe_AddsTheWarmStartToTheStartupTrials_BeforeEveryTrainersDefaults()
    {
        var plan = Plan(new TrainingOptions { Strategy = SearchStrategy.Tpe, MaxTrials = 24 }, new WarmStart(1, Champion, [Second, Third]));

        // Eight start-up trials as cold (four defaults, four draws), and the three warm ones before them.
        Assert.Equal(11, plan.Configurations.Count);
        Assert.Equal([Champion, Second, Third], plan.Configurations.Take(3));
        Assert.Equal(["LightGbmBinary", "LbfgsLogisticRegression", "FastTreeBinary", "FastForestBinary"], plan.Configurations.Skip(3).Take(4).Select(c => c.Trainer));
        Assert.Equal([new SearchRung(24, 1)], plan.Rungs);
    }

    [Fact]
    public void Plan_TpeOnASmallBudget_StartsWithTheWarmStart_AndNoMoreThanTheBudget()
    {
        var plan = Plan(new TrainingOptions { Strategy = SearchStrategy.Tpe, MaxTrials = 4 }, new WarmStart(1, Champion, [Second, Third]));

        Assert.Equal([Champion, Second, Third, new TrialConfiguration("LightGbmBinary", SearchSpaces.LightGbmDefaults)], plan.Configurations);
        Assert.Equal(4, plan.PlannedTrials);
    }

    [Fact]
    public void Plan_SameWarmStart_SamePlan()
    {
        var warm = new WarmStart(4, Champion, [Second, Third]);

        var first = Plan(new TrainingOptions(), warm);
        var second = Plan(new TrainingOptions(), warm with { BestTrials = [.. warm.BestTrials] });

        Assert.Equal(first.Configurations, second.Configurations);
        Assert.Equal(first.WarmStart!.Configurations(), second.WarmStart!.Configurations());
    }

    [Theory]
    [InlineData(MlTask.BinaryClassification)]
    [InlineData(MlTask.MulticlassClassification)]
    [InlineData(MlTask.Regression)]
    public void EveryTrainersDefaults_AreAcceptedAsAWarmStart(MlTask task)
    {
        // A champion trained with a trainer's defaults must seed its next run, so every default lies in its space.
        var trainers = TrainerCatalog.For(task);

        Assert.All(trainers, t => Assert.Equal(new TrialConfiguration(t.Name, t.Defaults), WarmStartSelection.Normalize(new TrialConfiguration(t.Name, t.Defaults), trainers)));
    }

    [Fact]
    public void Describe_SaysWhereTheWarmStartCameFrom()
    {
        Assert.Equal("warm-started from v3's configuration and 2 of its search's best trials", new WarmStart(3, Champion, [Second, Third]).Describe());
        Assert.Equal("warm-started from v3's configuration", new WarmStart(3, Champion, []).Describe());
        Assert.Equal("warm-started from 1 of v3's search's best trials", new WarmStart(3, null, [Second]).Describe());
    }

    private static SearchPlan Plan(TrainingOptions options, WarmStart? warmStart) =>
        new SearchPlanner(Options.Create(options)).Plan(BreastCancer.Typed(BreastCancerSchema), null, [], warmStart);

    private static TrialConfiguration LightGbm(double iterations, double leaves) => new("LightGbmBinary", new Dictionary<string, double>
    {
        ["numberOfIterations"] = iterations,
        ["learningRate"] = 0.05,
        ["numberOfLeaves"] = leaves,
        ["minimumExampleCountPerLeaf"] = 7,
        ["l2Regularization"] = 0.3,
        ["featureFraction"] = 0.8,
    });
}
