namespace Mlops.Core.Monitoring;

/// <summary>
/// The Kolmogorov-Smirnov statistic of a window's values against the contract's piecewise-linear CDF
/// (<see cref="ReferenceCdf"/>): D = sup over x of |F_window(x) - F_reference(x)|, exact for that CDF (left limits are
/// used where the reference jumps). The p-value treats the contract as the second sample, of its row count n, and
/// reads sqrt(n·m/(n + m))·D against Kolmogorov's limiting distribution, as the asymptotic two-sample test does.
/// </summary>
/// <remarks>
/// Reported, never decided on: a stationary window of a million rows measured D = 0.008 against a 100,000-row
/// contract (what the contract's bins and sketch cannot resolve) and a p-value of 5e-6, so the decision rests on
/// effect sizes.
/// </remarks>
public static class KolmogorovSmirnov
{
    /// <summary>D for <paramref name="sorted"/> (ascending, at least one value).</summary>
    internal static double Statistic(ReadOnlySpan<double> sorted, ReferenceCdf reference)
    {
        var n = (double)sorted.Length;
        var d = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            // Above: after the i+1 values up to here; below: just before this value, with i values behind it.
            d = Math.Max(d, Math.Max(((i + 1) / n) - reference.Evaluate(sorted[i]), reference.LeftLimit(sorted[i]) - (i / n)));
        }

        return d;
    }

    /// <summary>The asymptotic two-sample p-value of <paramref name="d"/> for samples of <paramref name="n"/> and <paramref name="m"/> rows.</summary>
    public static double PValue(double d, long n, long m)
    {
        var effective = (double)n * m / (n + m);
        return KolmogorovDistribution.Survival(Math.Sqrt(effective) * d);
    }
}
