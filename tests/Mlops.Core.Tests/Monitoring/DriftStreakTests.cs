using Mlops.Core.Monitoring;

namespace Mlops.Core.Tests.Monitoring;

public class DriftStreakTests
{
    private const int K = 3;

    [Fact]
    public void DriftIsDeclaredOnTheKthConsecutiveDriftingWindow()
    {
        var streak = DriftStreak.Start("x");

        var afterTwo = streak.After(Window(drifted: true), K).After(Window(drifted: true), K);
        var afterThree = afterTwo.After(Window(drifted: true), K);
        var afterFour = afterThree.After(Window(drifted: true), K);

        Assert.False(afterTwo.Declared);
        Assert.True(afterThree.Declared);
        Assert.True(afterThree.JustDeclared);
        Assert.True(afterFour.Declared);
        Assert.False(afterFour.JustDeclared);
    }

    [Fact]
    public void AnInsufficientWindow_NeitherCountsNorResets()
    {
        var streak = DriftStreak.Start("x").After(Window(drifted: true), K).After(Window(drifted: true), K);

        var afterQuiet = streak.After(Window(drifted: true, insufficient: true), K);
        var afterThird = afterQuiet.After(Window(drifted: true), K);

        Assert.Equal(2, afterQuiet.Consecutive);
        Assert.False(afterQuiet.Declared);
        Assert.True(afterThird.JustDeclared);
    }

    [Fact]
    public void AJudgedWindowWithoutDrift_ResetsTheRunAndTheDeclaration()
    {
        var declared = DriftStreak.Start("x").After(Window(drifted: true), 1);

        var reset = declared.After(Window(drifted: false), 1);

        Assert.True(declared.Declared);
        Assert.Equal(0, reset.Consecutive);
        Assert.False(reset.Declared);
    }

    [Fact]
    public void TheModelDrifts_WhenTheShareOfDriftedFeaturesIsReached_OrThePredictionDrifts()
    {
        DriftStreak[] features = [new("a", 3, true), new("b", 0, false), new("c", 1, false)];

        var third = ModelDriftVerdict.Judge(features, prediction: null, driftedFeatureShare: 0.3);
        var half = ModelDriftVerdict.Judge(features, prediction: new DriftStreak("prediction", 0, false), driftedFeatureShare: 0.5);
        var prediction = ModelDriftVerdict.Judge(features, prediction: new DriftStreak("prediction", 3, true), driftedFeatureShare: 0.5);

        Assert.True(third.Detected);
        Assert.Equal(1.0 / 3, third.DriftedShare, 12);
        Assert.False(half.Detected);
        Assert.True(prediction.Detected);
        Assert.True(prediction.PredictionDrifted);
    }

    private static FeatureDrift Window(bool drifted, bool insufficient = false) => new(
        "x",
        insufficient ? 10 : 1_000,
        0,
        insufficient ? WindowStatus.Insufficient : WindowStatus.Judged,
        [new DriftStatistic(DriftStatistics.Psi, drifted ? 0.5 : 0.01, 0.2, null)]);
}
