namespace Mlops.Core.Profiling;

/// <summary>The numbers of a column.</summary>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Mean">The arithmetic mean.</param>
/// <param name="StdDev">The sample standard deviation (n - 1), 0 for a single value.</param>
/// <param name="Quantiles">The 1st, 5th, 25th, 50th, 75th, 95th and 99th percentiles.</param>
/// <param name="Exact">
/// True when the quantiles and histogram come from every value (few distinct values); false when from a streaming
/// quantile sketch (KLL), whose ranks are within about 1% of the truth. Min, max, mean and deviation are exact.
/// </param>
public sealed record NumericSummary(double Min, double Max, double Mean, double StdDev, IReadOnlyList<Quantile> Quantiles, bool Exact)
{
    /// <summary>The quantile at <paramref name="probability"/> as listed, or null when it is not one of them.</summary>
    public double? At(double probability) => Quantiles.FirstOrDefault(q => q.Probability == probability)?.Value;
}
