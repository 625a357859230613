using Mlops.Core.Profiling;

namespace Mlops.Core.Monitoring;

/// <summary>
/// The reference distribution of a numeric feature as far as its data contract knows it: a CDF through knots at the
/// histogram's edges (the share of rows below each), refined by the contract's quantiles where one falls strictly
/// inside a bin, and linear between knots, so each bin's rows are spread evenly between its neighbouring knots.
/// </summary>
/// <remarks>
/// The quantiles matter in the tails: the outer bins run from the minimum (or to the maximum) of every training row,
/// and spreading a tenth of the rows evenly from a 4-sigma minimum to the first decile puts a Wasserstein distance of
/// 0.15 of the IQR between a perfectly stationary normal feature and its own contract (100,000 training rows), past the
/// threshold; with the 1st, 5th, 95th and 99th percentiles as knots it falls to about 0.02. A bin of zero width (a
/// column of a single value) is a jump. The CDF is right-continuous; <see cref="LeftLimit"/> gives the value just
/// before a point, which the KS statistic needs at jumps.
/// </remarks>
internal sealed class ReferenceCdf
{
    private readonly double[] xs;
    private readonly double[] fs;

    public ReferenceCdf(IReadOnlyList<HistogramBin> bins, IReadOnlyList<Quantile> quantiles)
    {
        var total = (double)bins.Sum(b => b.Count);
        var knots = new List<(double X, double F)>(bins.Count + 1 + quantiles.Count) { (bins[0].Lower, 0) };
        long below = 0;
        foreach (var bin in bins)
        {
            below += bin.Count;
            knots.Add((bin.Upper, below / total));
        }

        knots[^1] = (knots[^1].X, 1);
        foreach (var quantile in quantiles.OrderBy(q => q.Probability))
        {
            for (var k = 0; k < knots.Count - 1; k++)
            {
                if (knots[k].X < quantile.Value && quantile.Value < knots[k + 1].X
                    && knots[k].F < quantile.Probability && quantile.Probability < knots[k + 1].F)
                {
                    knots.Insert(k + 1, (quantile.Value, quantile.Probability));
                    break;
                }
            }
        }

        xs = [.. knots.Select(k => k.X)];
        fs = [.. knots.Select(k => k.F)];
    }

    /// <summary>The knots' positions, ascending (a position twice is a jump).</summary>
    public IReadOnlyList<double> Positions => xs;

    /// <summary>The knots' cumulative shares, from 0 to 1.</summary>
    public IReadOnlyList<double> Shares => fs;

    /// <summary>F(x): the reference share at or below <paramref name="x"/>.</summary>
    public double Evaluate(double x)
    {
        if (x < xs[0])
        {
            return 0;
        }

        if (x >= xs[^1])
        {
            return 1;
        }

        // The last knot at or before x; the next one is past x, so the segment has width.
        var i = UpperBound(x) - 1;
        return Between(i, x);
    }

    /// <summary>F(x-): the reference share strictly below <paramref name="x"/>.</summary>
    public double LeftLimit(double x)
    {
        if (x <= xs[0])
        {
            return 0;
        }

        if (x > xs[^1])
        {
            return 1;
        }

        // The last knot strictly before x; the next one is at or past x.
        var i = LowerBound(x) - 1;
        return Between(i, x);
    }

    private double Between(int i, double x) =>
        fs[i] + ((fs[i + 1] - fs[i]) * Math.Min(1, (x - xs[i]) / (xs[i + 1] - xs[i])));

    // The first knot past x.
    private int UpperBound(double x)
    {
        var (low, high) = (0, xs.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            (low, high) = xs[middle] <= x ? (middle + 1, high) : (low, middle);
        }

        return low;
    }

    // The first knot at or past x.
    private int LowerBound(double x)
    {
        var (low, high) = (0, xs.Length);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            (low, high) = xs[middle] < x ? (middle + 1, high) : (low, middle);
        }

        return low;
    }
}
