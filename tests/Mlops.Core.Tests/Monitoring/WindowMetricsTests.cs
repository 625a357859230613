using Mlops.Core.Monitoring;

namespace Mlops.Core.Tests.Monitoring;

public class WindowMetricsTests
{
    [Fact]
    public void Accuracy_HasDecayedOnlyWhenItsWholeIntervalIsBelowTheBaseline()
    {
        var clearlyWorse = WindowMetrics.Accuracy(800, 1_000, 0.95);
        var notShown = WindowMetrics.Accuracy(17, 20, 0.95);

        Assert.True(clearlyWorse.WorseThan(0.9));
        Assert.False(notShown.WorseThan(0.9), "17 of 20 is below 0.9, but its interval still holds it");
    }

    [Fact]
    public void Rmse_HasDecayedOnlyWhenItsWholeIntervalIsAboveTheBaseline()
    {
        var errors = ContractColumns.Normal(2_000, seed: 71, deviation: 2);

        var rmse = WindowMetrics.Rmse(errors, 0.95);

        Assert.InRange(rmse.Value, rmse.Lower, rmse.Upper);
        Assert.True(rmse.WorseThan(1.5));
        Assert.False(rmse.WorseThan(2));
    }
}
