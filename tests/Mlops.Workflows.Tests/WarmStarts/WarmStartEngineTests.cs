using Mlops.Core.Training.Search;
using Xunit.Abstractions;

namespace Mlops.Workflows.Tests.WarmStarts;

/// <summary>A second run of a model on the real engine starts its search from the first run's champion.</summary>
public sealed class WarmStartEngineTests(SmallSearchEngineFixture engine, ITestOutputHelper output) : IClassFixture<SmallSearchEngineFixture>
{
    [Fact]
    public async Task ASecondRunOfTheModel_DispatchesTheChampionsConfigurationAsTrialZero_ThenItsSearchsBest()
    {
        var model = ModelRuns.Unique("warm");
        var first = await ModelRuns.RunAsync(engine, model, "first.csv", ModelRuns.BreastCancer());
        Assert.Equal(1, first.Result.Version);
        Assert.True(first.Result.Promoted, first.Result.Reason);
        Assert.Null(first.Record.WarmStart);

        var second = await ModelRuns.RunAsync(engine, model, "second.csv", ModelRuns.HalfOfBreastCancer());
        output.WriteLine($"first: {string.Join("; ", first.Record.Trials.Select(t => $"{t.Status} {t.Configuration}"))}");
        output.WriteLine($"second: {second.TrainDetail}");

        // Version 1 was refitted with the first search's winner: that configuration is the second search's first trial,
        // followed by the first search's two best other configurations, best first.
        var bestOthers = first.Record.Trials
            .Where(t => t.Status == TrialStatus.Completed && !t.Configuration.Equals(first.Winner))
            .OrderByDescending(t => t.Metrics["auc"])
            .ThenBy(t => t.ModelSize)
            .ThenBy(t => t.Index)
            .Select(t => t.Configuration)
            .Distinct()
            .Take(2)
            .ToList();
        Assert.Equal(first.Winner, second.Record.Trials[0].Configuration);
        Assert.Equal(bestOthers, second.Record.Trials.Skip(1).Take(bestOthers.Count).Select(t => t.Configuration));
        Assert.Equal(4, second.Record.Trials.Count);
        Assert.Equal(second.Record.Trials.Count, second.Record.Trials.Select(t => t.Configuration).Distinct().Count());

        Assert.NotNull(second.Record.WarmStart);
        Assert.Equal(1, second.Record.WarmStart.Version);
        Assert.Equal(first.Winner, second.Record.WarmStart.Champion);
        Assert.Equal(bestOthers, second.Record.WarmStart.BestTrials);
        Assert.Contains($"The search was warm-started from v1's configuration and {bestOthers.Count} of its search's best trials.", second.TrainDetail, StringComparison.Ordinal);
    }
}
