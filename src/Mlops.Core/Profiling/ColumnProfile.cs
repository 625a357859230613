namespace Mlops.Core.Profiling;

/// <summary>One column as the profiler saw it in a single pass over the data.</summary>
/// <param name="Name">The column's name in the header.</param>
/// <param name="Type">What the column holds.</param>
/// <param name="Count">Rows looked at (rows with a label, when there is one).</param>
/// <param name="Missing">Rows holding one of <see cref="Datasets.MissingValues.Tokens"/>.</param>
/// <param name="Distinct">Distinct present values (trimmed).</param>
/// <param name="DistinctExact">False above the profiler's exact bound, where <paramref name="Distinct"/> is a HyperLogLog estimate (about 1%).</param>
public sealed record ColumnProfile(string Name, InferredType Type, long Count, long Missing, long Distinct, bool DistinctExact)
{
    public double MissingRate => Count == 0 ? 0 : (double)Missing / Count;

    /// <summary>Numeric columns: range, moments and quantiles.</summary>
    public NumericSummary? Numeric { get; init; }

    /// <summary>Date/time columns: the earliest and latest value.</summary>
    public DateRange? Dates { get; init; }

    /// <summary>Numeric columns: counts over bins whose edges are the column's quantiles.</summary>
    public IReadOnlyList<HistogramBin> Histogram { get; init; } = [];

    /// <summary>Non-numeric columns: the most common values, most common first.</summary>
    public IReadOnlyList<CategoryCount> TopCategories { get; init; } = [];

    /// <summary>False when <see cref="TopCategories"/> come from a frequent-items sketch (counts are lower bounds).</summary>
    public bool TopCategoriesExact { get; init; } = true;

    /// <summary>
    /// Every distinct value, in ordinal order, for columns used as categories and having at most the profiler's exact
    /// bound of them; null otherwise. A later upload's values outside this set are new categories.
    /// </summary>
    public IReadOnlyList<string>? Categories { get; init; }
}
