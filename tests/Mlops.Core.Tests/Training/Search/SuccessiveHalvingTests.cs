using Mlops.Core.Training.Search;

namespace Mlops.Core.Tests.Training.Search;

public class SuccessiveHalvingTests
{
    [Theory]
    [InlineData(24, 2, 3, new[] { 18, 6 })]
    [InlineData(12, 2, 3, new[] { 9, 3 })]
    [InlineData(24, 3, 3, new[] { 17, 5, 1 })]
    [InlineData(30, 3, 2, new[] { 17, 8, 4 })]
    [InlineData(12, 1, 3, new[] { 12 })]
    [InlineData(2, 3, 3, new[] { 1, 1 })]
    public void Schedule_FitsTheLargestFirstRungIntoTheTrialBudget(int maxTrials, int rungs, int factor, int[] expected)
    {
        var schedule = SuccessiveHalving.Schedule(maxTrials, rungs, factor);

        Assert.Equal(expected, schedule);
        Assert.True(schedule.Sum() <= maxTrials);
    }

    [Fact]
    public void Budgets_GrowByTheFactorUpToAllRows() =>
        Assert.Equal([1 / 9.0, 1 / 3.0, 1.0], SuccessiveHalving.Budgets(3, 3));

    [Theory]
    [InlineData(364, 100, 3, 2)]
    [InlineData(1150, 100, 3, 3)]
    [InlineData(96, 100, 3, 1)]
    [InlineData(1_000_000, 100, 3, 4)]
    public void Rungs_StopBeforeARungWouldHaveTooFewRows(int rows, int minRows, int factor, int expected) =>
        Assert.Equal(expected, SuccessiveHalving.Rungs(rows, minRows, factor, maxRungs: 4));

    [Fact]
    public void Promote_TakesTheBestCompletedTrials_TiesToTheSmallerModel()
    {
        TrialResult[] rung =
        [
            Trials.Completed(0, "A", 0.90),
            Trials.Completed(1, "B", 0.95, size: 500),
            Trials.Completed(2, "C", 0.95, size: 20),
            Trials.Stopped(3, "D", 0.99),
            TrialResult.Failed(new TrialRequest(4, 0, Trials.Config("E"), 1, null), "boom"),
            Trials.Completed(5, "F", 0.93),
        ];

        var promoted = SuccessiveHalving.Promote(rung, 3, "auc");

        Assert.Equal(["C", "B", "F"], promoted.Select(c => c.Trainer));
    }

    [Fact]
    public void Promote_PutsEachTrainersBestOnBeforeAnySecond()
    {
        // On a small budget the linear trainer leads every place; the trees' best still goes on.
        TrialResult[] rung =
        [
            Trials.Completed(0, "Linear", 0.92),
            Trials.Completed(1, "Linear", 0.91),
            Trials.Completed(2, "Trees", 0.88),
            Trials.Completed(3, "Linear", 0.90),
            Trials.Completed(4, "Trees", 0.87),
            Trials.Completed(5, "Boosted", 0.86),
        ];

        var promoted = SuccessiveHalving.Promote(rung, 4, "auc");

        Assert.Equal([0, 1, 2, 5], promoted.Select(c => (int)c.Parameters["p"]));
        Assert.Equal([0], SuccessiveHalving.Promote(rung, 1, "auc").Select(c => (int)c.Parameters["p"]));
    }
}
