using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

/// <summary>Builds trial results and plans for tests of the search's decisions, without training anything.</summary>
internal static class Trials
{
    public static TrialConfiguration Config(string trainer, double value = 1) =>
        new(trainer, new Dictionary<string, double> { ["p"] = value });

    public static TrialResult Completed(int index, string trainer, double metricValue, double size = 1, int rung = 0, string metric = "auc") =>
        new(index, rung, Config(trainer, index), 1, TrialStatus.Completed, new Dictionary<string, double> { [metric] = metricValue }, 5, size, 0.1, null);

    public static TrialResult Stopped(int index, string trainer, double metricValue, string metric = "auc") =>
        new(index, 0, Config(trainer, index), 1, TrialStatus.StoppedEarly, new Dictionary<string, double> { [metric] = metricValue }, 2, 1, 0.1, null);

    public static TrialSettings Settings(string metric = "auc") => new(42, 0.2, 5, 5, metric, false, 100);

    public static SearchPlan Plan(int trials, int concurrency, int maxSeconds = 3_600, string metric = "auc") => new(
        SearchStrategy.Random,
        Settings(metric),
        [new SearchRung(trials, 1)],
        [.. Enumerable.Range(0, trials).Select(i => Config("T" + i, i))],
        concurrency,
        maxSeconds,
        100,
        [],
        MlTask.BinaryClassification);
}
