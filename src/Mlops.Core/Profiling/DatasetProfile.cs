namespace Mlops.Core.Profiling;

/// <summary>A dataset as the profiler saw it in a single pass, in memory bounded per column whatever its size.</summary>
/// <param name="Columns">The profiled columns in header order (columns the spec ignores are not profiled).</param>
/// <param name="Rows">Rows profiled: those with a label when there is one.</param>
/// <param name="UnlabelledRows">Rows left out because their label is missing.</param>
/// <param name="DuplicateRowRate">The share of profiled rows that repeat an earlier row in every profiled column.</param>
/// <param name="DuplicatesExact">
/// False when there were more distinct rows than the profiler's bound and the rate was estimated from the rows whose
/// hash falls in a sample (identical rows are sampled together, so the estimate is unbiased).
/// </param>
public sealed record DatasetProfile(IReadOnlyList<ColumnProfile> Columns, long Rows, long UnlabelledRows, double DuplicateRowRate, bool DuplicatesExact)
{
    /// <summary>Per-column state beyond the public profile, for the checks.</summary>
    internal IReadOnlyList<ColumnStatistics> Statistics { get; init; } = [];

    /// <summary>A uniform sample of profiled rows, for checks that need rows together (label leakage).</summary>
    internal RowSample Sample { get; init; } = RowSample.Empty;

    /// <summary>The duplicate-row estimate's sampling rate (1 when exact).</summary>
    internal double DuplicateSampleRate { get; init; } = 1;

    internal ColumnStatistics? Find(string column) => Statistics.FirstOrDefault(s => s.Name == column);
}
