using Mlops.Core.Monitoring;
using Mlops.Core.Profiling;

namespace Mlops.Core.Tests.Monitoring;

/// <summary>The contract's piecewise-linear CDF where scipy's kstest would misread it: at a jump.</summary>
public class NumericReferenceTests
{
    private static readonly DriftDetector Detector = new(MonitoringSettings.Default with { MinSamples = 1 });

    [Fact]
    public void AConstantColumn_IsAJump_AndAWindowOfThatValueMatchesItExactly()
    {
        var reference = new NumericReference([new HistogramBin(5, 5, 100)], [new Quantile(0.25, 5), new Quantile(0.75, 5)], standardDeviation: 0);

        var drift = Detector.Compare("x", reference, [5, 5, 5, 5]);

        Assert.Equal(0, drift.Statistic(DriftStatistics.KolmogorovSmirnov)!.Value);
        Assert.Equal(0, drift.Statistic(DriftStatistics.Wasserstein)!.Value);
        Assert.Equal(0, drift.Statistic(DriftStatistics.Psi)!.Value);
    }

    [Fact]
    public void AtAJump_KsUsesTheLeftLimit_AndWassersteinTheAreaBetween()
    {
        // Reference: everything at 5. Window: half at 5, half at 6. On [5, 6) the window's CDF is 0.5 and the
        // reference's 1, so D = 0.5 and the area is 0.5 (scale 1: no IQR, no deviation). Reading F(5) after the jump
        // against the window's CDF before it, as a formula for continuous CDFs does, would give D = 1.
        var reference = new NumericReference([new HistogramBin(5, 5, 100)], [], standardDeviation: 0);

        var drift = Detector.Compare("x", reference, [6, 5, 6, 5]);

        Assert.Equal(0.5, drift.Statistic(DriftStatistics.KolmogorovSmirnov)!.Value, 12);
        Assert.Equal(0.5, drift.Statistic(DriftStatistics.Wasserstein)!.Value, 12);
        Assert.Equal(1, reference.Scale);
    }

    [Fact]
    public void TheScale_IsTheIqr_ThenTheDeviation_ThenOne()
    {
        HistogramBin[] bins = [new(0, 10, 10)];

        Assert.Equal(4, new NumericReference(bins, [new Quantile(0.25, 3), new Quantile(0.75, 7)], standardDeviation: 2).Scale);
        Assert.Equal(2, new NumericReference(bins, [new Quantile(0.25, 3), new Quantile(0.75, 3)], standardDeviation: 2).Scale);
        Assert.Equal(1, new NumericReference(bins, [], standardDeviation: 0).Scale);
    }

    [Fact]
    public void AQuantileInsideABin_BecomesAKnotOfTheCdf()
    {
        var reference = new NumericReference([new HistogramBin(0, 10, 50), new HistogramBin(10, 20, 50)], [new Quantile(0.05, 8)], standardDeviation: 1);

        Assert.Equal(0.05, reference.Cdf.Evaluate(8), 12);
        Assert.Equal(0.025, reference.Cdf.Evaluate(4), 12);
        Assert.Equal(0.275, reference.Cdf.Evaluate(9), 12);
        Assert.Equal(0.75, reference.Cdf.Evaluate(15), 12);
    }
}
