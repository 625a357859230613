namespace Mlops.Core.Profiling;

/// <summary>A column's profile with what the checks need beyond the public <see cref="ColumnProfile"/>.</summary>
internal sealed class ColumnStatistics
{
    private static readonly double[] Probabilities = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

    public required string Name { get; init; }

    public required long Rows { get; init; }

    public required long Missing { get; init; }

    public long Present => Rows - Missing;

    public double MissingRate => Rows == 0 ? 0 : (double)Missing / Rows;

    public required long DistinctCount { get; init; }

    public required bool DistinctExact { get; init; }

    /// <summary>Every distinct present value (trimmed) with its count; null past the exact bound.</summary>
    public required IReadOnlyDictionary<string, long>? ValueCounts { get; init; }

    public required InferredType Type { get; init; }

    /// <summary>Every present value parses as a finite number (vacuously true when none is present).</summary>
    public required bool AllNumeric { get; init; }

    /// <summary>Every present value is a whole number.</summary>
    public required bool AllIntegers { get; init; }

    /// <summary>A present value that is not a number, to show in a message.</summary>
    public required string? NonNumericExample { get; init; }

    /// <summary>
    /// The present values that are not numbers, commonest first, at most <see cref="ColumnAccumulator.NonNumericValuesKept"/>:
    /// every kind while values are counted exactly, else the <see cref="NonNumericExample"/> alone. A message that names
    /// them all lets one fix cover them all.
    /// </summary>
    public IReadOnlyList<string> NonNumericValues { get; init; } = [];

    /// <summary>Present values that are not numbers: a few in a column of numbers are mistakes, not categories.</summary>
    public long NonNumericCount { get; init; }

    /// <summary>A present value that is not a date (in a column that is not all dates), to show in a message.</summary>
    public string? NonDateExample { get; init; }

    /// <summary>For a column of numbers, one written with zeros in front ("02134"), as codes are; null when none is.</summary>
    public string? LeadingZeroExample { get; init; }

    /// <summary>The numbers, sorted with weights (exact or from the sketch); null unless the column is numeric.</summary>
    public required WeightedValues? Numbers { get; init; }

    public required RunningMoments? Moments { get; init; }

    public required DateRange? Dates { get; init; }

    public required IReadOnlyList<CategoryCount> TopValues { get; init; }

    public required bool TopValuesExact { get; init; }

    /// <summary>The share of present values held by the commonest value, when known.</summary>
    public required double? TopShare { get; init; }

    /// <summary>The public profile; <paramref name="withCategories"/> lists every value of a column used as categories.</summary>
    public ColumnProfile ToProfile(ProfilerSettings settings, bool withCategories)
    {
        ArgumentNullException.ThrowIfNull(settings);
        NumericSummary? numeric = null;
        IReadOnlyList<HistogramBin> histogram = [];
        if (Numbers is not null && Moments is { } moments)
        {
            numeric = new NumericSummary(
                moments.Min,
                moments.Max,
                moments.Mean,
                moments.StdDev,
                [.. Probabilities.Select(p => new Quantile(p, Numbers.Quantile(p)))],
                Numbers.Exact);
            histogram = Numbers.Histogram(settings.HistogramBins);
        }

        return new ColumnProfile(Name, Type, Rows, Missing, DistinctCount, DistinctExact)
        {
            Numeric = numeric,
            Dates = Dates,
            Histogram = histogram,
            TopCategories = Type == InferredType.Numeric ? [] : TopValues,
            TopCategoriesExact = TopValuesExact,
            Categories = withCategories && ValueCounts is not null ? [.. ValueCounts.Keys.Order(StringComparer.Ordinal)] : null,
        };
    }
}
