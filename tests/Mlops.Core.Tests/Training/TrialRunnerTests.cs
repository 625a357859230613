using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;
using Mlops.Testing;

namespace Mlops.Core.Tests.Training;

public class TrialRunnerTests
{
    private static readonly CsvDataset Wine = SampleDatasets.Load(SampleDatasets.Wine);
    private static readonly DatasetSchema WineSchema = TestSchemas.ForSample(SampleDatasets.Wine);
    private static readonly TrialSettings Settings = new(42, 0.2, 5, 5, MetricNames.MacroF1, false, 100);
    private readonly TrialRunner runner = new(TimeProvider.System);

    [Fact]
    public void Run_ScoresEveryFoldAndAveragesTheMetrics()
    {
        var result = runner.Run(Wine.Typed(WineSchema), Settings, Request("LbfgsMaximumEntropy"));

        Assert.Equal(TrialStatus.Completed, result.Status);
        Assert.Equal(5, result.FoldsScored);
        Assert.Equal(["accuracy", "logLoss", "macroAccuracy", "macroF1"], result.Metrics.Keys.Order());
        Assert.InRange(result.Metrics[MetricNames.MacroF1], 0.9, 1);
        Assert.Equal(3, result.ModelSize);
    }

    [Fact]
    public void Run_Twice_GivesTheSameMetrics()
    {
        var first = runner.Run(Wine.Typed(WineSchema), Settings, Request("LightGbmMulticlass"));
        var second = runner.Run(Wine.Typed(WineSchema), Settings, Request("LightGbmMulticlass"));

        Assert.Equal(first.Metrics.Keys, second.Metrics.Keys);
        Assert.All(first.Metrics, m => Assert.Equal(m.Value, second.Metrics[m.Key], 1e-12));
    }

    [Fact]
    public void Run_ThresholdItCannotReach_StopsAfterTheFirstFold()
    {
        // Strongly regularized, the model misses rows on the first fold, so no later fold can lift the mean to 1.
        var strong = new TrialConfiguration("LbfgsMaximumEntropy", new Dictionary<string, double> { ["l2Regularization"] = 1, ["l1Regularization"] = 1 });
        var result = runner.Run(Wine.Typed(WineSchema), Settings, new TrialRequest(0, 0, strong, 1, 1.0));

        Assert.Equal(TrialStatus.StoppedEarly, result.Status);
        Assert.Equal(1, result.FoldsScored);
    }

    [Fact]
    public void Run_ReachableThreshold_RunsEveryFold()
    {
        var result = runner.Run(Wine.Typed(WineSchema), Settings, Request("LbfgsMaximumEntropy") with { StopWhenWorseThan = 0.5 });

        Assert.Equal(TrialStatus.Completed, result.Status);
        Assert.Equal(5, result.FoldsScored);
    }

    [Fact]
    public void Run_HoldoutProtocol_ScoresOneFold()
    {
        var result = runner.Run(Wine.Typed(WineSchema), Settings with { ValidationFolds = 1 }, Request("LbfgsMaximumEntropy"));

        Assert.Equal(1, result.FoldsScored);
        Assert.Equal(TrialStatus.Completed, result.Status);
    }

    [Fact]
    public void Run_UnknownTrainer_ThrowsNamingTheTasksTrainers()
    {
        var error = Assert.ThrowsAny<Exception>(() => runner.Run(Wine.Typed(WineSchema), Settings, Request("NoSuchTrainer")));

        Assert.Contains("LightGbmMulticlass", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsHopeless_ComparesTheOptimisticAverageWithTheThreshold()
    {
        var scores = new List<IReadOnlyDictionary<string, double>> { new Dictionary<string, double> { ["auc"] = 0.9 } };
        var settings = Settings with { Metric = "auc" };

        // After one fold of five at 0.9, the best the trial can still average is (0.9 + 4) / 5 = 0.98.
        Assert.True(TrialRunner.IsHopeless(scores, settings, 0.981));
        Assert.False(TrialRunner.IsHopeless(scores, settings, 0.979));
        Assert.False(TrialRunner.IsHopeless(scores, settings, null));
    }

    [Fact]
    public void IsHopeless_LowerIsBetter_AssumesZeroErrorOnTheFoldsLeft()
    {
        var scores = new List<IReadOnlyDictionary<string, double>> { new Dictionary<string, double> { ["rmse"] = 300 } };
        var settings = Settings with { Metric = "rmse" };

        Assert.True(TrialRunner.IsHopeless(scores, settings, 59));
        Assert.False(TrialRunner.IsHopeless(scores, settings, 61));
    }

    private static TrialRequest Request(string trainer)
    {
        var defaults = TrainerCatalog.For(MlTask.MulticlassClassification).FirstOrDefault(t => t.Name == trainer)?.Defaults ?? new Dictionary<string, double>();
        return new TrialRequest(0, 0, new TrialConfiguration(trainer, defaults), 1, null);
    }
}
