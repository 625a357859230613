using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

public class TrialSelectionTests
{
    [Fact]
    public void Choose_HigherIsBetter_PicksTheBest()
    {
        var winner = TrialSelection.Choose([Trials.Completed(0, "A", 0.91), Trials.Completed(1, "B", 0.97), Trials.Completed(2, "C", 0.95)], "auc");

        Assert.Equal("B", winner?.Configuration.Trainer);
    }

    [Fact]
    public void Choose_LowerIsBetter_PicksTheSmallestError()
    {
        var winner = TrialSelection.Choose([Trials.Completed(0, "A", 55.1, metric: "rmse"), Trials.Completed(1, "B", 53.9, metric: "rmse")], "rmse");

        Assert.Equal("B", winner?.Configuration.Trainer);
    }

    [Fact]
    public void Choose_WithinTheTieTolerance_PrefersTheCheaperModel()
    {
        var forest = Trials.Completed(0, "Forest", 0.99210, size: 2_000);
        var linear = Trials.Completed(1, "Linear", 0.99205, size: 1);

        Assert.Equal("Linear", TrialSelection.Choose([forest, linear], "auc")?.Configuration.Trainer);
    }

    [Fact]
    public void Choose_BeyondTheTieTolerance_KeepsTheBetterModel()
    {
        var forest = Trials.Completed(0, "Forest", 0.9930, size: 2_000);
        var linear = Trials.Completed(1, "Linear", 0.9910, size: 1);

        Assert.Equal("Forest", TrialSelection.Choose([forest, linear], "auc")?.Configuration.Trainer);
    }

    [Fact]
    public void Choose_EqualCostTie_GoesToTheEarlierTrial()
    {
        var winner = TrialSelection.Choose([Trials.Completed(3, "Late", 0.95), Trials.Completed(1, "Early", 0.95)], "auc");

        Assert.Equal("Early", winner?.Configuration.Trainer);
    }

    [Fact]
    public void Choose_IgnoresFailedAndStoppedTrials_AndSmallerBudgetRungs()
    {
        TrialResult[] trials =
        [
            Trials.Completed(0, "SmallBudget", 0.999, rung: 0),
            Trials.Stopped(1, "Stopped", 0.999),
            TrialResult.Failed(new TrialRequest(2, 1, Trials.Config("Failed"), 1, null), "boom"),
            Trials.Completed(3, "FullBudget", 0.97, rung: 1),
        ];

        Assert.Equal("FullBudget", TrialSelection.Choose(trials, "auc")?.Configuration.Trainer);
    }

    [Fact]
    public void Choose_NothingCompleted_IsNull() =>
        Assert.Null(TrialSelection.Choose([TrialResult.Failed(new TrialRequest(0, 0, Trials.Config("A"), 1, null), "boom")], "auc"));
}
