using Mlops.Core.Profiling;

namespace Mlops.Core.Monitoring;

/// <summary>
/// A numeric feature as the champion's data contract describes it: its histogram (bins at the training data's
/// deciles), its quantiles and its spread. Windows are compared with it without the training rows, which are not
/// kept on the serving path; what the comparison can and cannot see follows from that (see <see cref="ReferenceCdf"/>).
/// </summary>
public sealed class NumericReference
{
    /// <summary>At most this many distinct values (counted exactly) make a feature discrete; see <see cref="Discrete"/>.</summary>
    public const int DiscreteDistinctLimit = 20;

    private readonly double[] uppers;

    /// <param name="bins">The contract's histogram, ascending; the outer bins are taken to extend without end.</param>
    /// <param name="quantiles">The contract's quantiles (knots of the CDF inside bins, and the IQR).</param>
    /// <param name="standardDeviation">The spread to scale by when the IQR is 0 (a feature mostly of one value).</param>
    /// <param name="discrete">True for a feature of a few values, whose Wasserstein distance is reported but not judged.</param>
    public NumericReference(IReadOnlyList<HistogramBin> bins, IReadOnlyList<Quantile> quantiles, double standardDeviation, bool discrete = false)
    {
        ArgumentNullException.ThrowIfNull(bins);
        ArgumentNullException.ThrowIfNull(quantiles);
        if (bins.Count == 0 || bins.Sum(b => b.Count) <= 0)
        {
            throw new ArgumentException("A numeric reference needs a histogram with rows in it.", nameof(bins));
        }

        Bins = bins;
        Rows = bins.Sum(b => b.Count);
        Cdf = new ReferenceCdf(bins, quantiles);
        uppers = [.. bins.Select(b => b.Upper)];
        var q1 = quantiles.FirstOrDefault(q => q.Probability == 0.25)?.Value;
        var q3 = quantiles.FirstOrDefault(q => q.Probability == 0.75)?.Value;
        Scale = q3 - q1 is > 0 and var iqr ? iqr : standardDeviation > 0 ? standardDeviation : 1;
        Discrete = discrete;
    }

    public IReadOnlyList<HistogramBin> Bins { get; }

    /// <summary>Rows behind the histogram: the reference's sample size in the two-sample KS p-value.</summary>
    public long Rows { get; }

    /// <summary>
    /// What the Wasserstein distance is divided by: the interquartile range, or the standard deviation when the IQR is
    /// 0, or 1 for a constant feature. The IQR rather than the deviation because features with long tails (amounts,
    /// durations) have deviations inflated by a few rows, which would hide a shift of the bulk of the data.
    /// </summary>
    public double Scale { get; }

    /// <summary>
    /// A feature of few values (counts, ratings): the CDF's even spread inside bins misdescribes it, so the
    /// Wasserstein distance and the KS statistic against it are reported but the Wasserstein threshold is not applied;
    /// PSI and the JS distance, which compare bin shares, describe such a feature exactly.
    /// </summary>
    public bool Discrete { get; }

    internal ReferenceCdf Cdf { get; }

    /// <summary>The reference of a numeric column of the contract.</summary>
    public static NumericReference From(ColumnProfile column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var numeric = column.Numeric ?? throw new ArgumentException($"Column '{column.Name}' has no numeric summary.", nameof(column));
        return new NumericReference(
            column.Histogram,
            numeric.Quantiles,
            numeric.StdDev,
            column.DistinctExact && column.Distinct <= DiscreteDistinctLimit);
    }

    /// <summary>
    /// The bin of <paramref name="value"/>: [Lower, Upper) as the profiler counted, the first bin also taking values
    /// below the reference's minimum and the last those above its maximum, so a value outside the training range moves
    /// share into an outer bin rather than into a bin of its own that would be empty in the reference.
    /// </summary>
    public int BinOf(double value)
    {
        var (low, high) = (0, uppers.Length - 1);
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            (low, high) = value < uppers[middle] ? (low, middle) : (middle + 1, high);
        }

        return low;
    }

    /// <summary>The reference's count in each bin.</summary>
    public long[] Counts() => [.. Bins.Select(b => b.Count)];
}
