namespace Mlops.Core.Profiling;

/// <summary>What to profile and the bounds that keep the profiler's memory independent of the file's size.</summary>
public sealed record ProfilerSettings
{
    /// <summary>The label column: rows where it is missing are counted, not profiled. Null: every row is profiled.</summary>
    public string? Label { get; init; }

    /// <summary>Columns not profiled at all (ignored and identifier columns).</summary>
    public IReadOnlyCollection<string> Skip { get; init; } = [];

    /// <summary>A column keeps exact counts of its values up to this many distinct values, then switches to sketches.</summary>
    public int ExactValueLimit { get; init; } = 1024;

    /// <summary>Distinct row hashes held for the duplicate rate (16 MB at the default); beyond it, a hash sample.</summary>
    public int DuplicateRowLimit { get; init; } = 1 << 19;

    /// <summary>Rows kept in the uniform sample for row-wise checks, at most.</summary>
    public int SampleRows { get; init; } = 20_000;

    /// <summary>Cells kept in the sample, at most: wide files keep fewer rows.</summary>
    public int SampleCells { get; init; } = 2_000_000;

    /// <summary>The KLL quantile sketch's k: ranks within about 0.5% of the count at the default (about 1.7/k^0.9... measured in the tests).</summary>
    public int QuantileSketchSize { get; init; } = 512;

    /// <summary>Counters of the frequent-items sketch a text column keeps beyond the exact bound.</summary>
    public int FrequentItemsCapacity { get; init; } = 64;

    public int TopCategories { get; init; } = 10;

    public int HistogramBins { get; init; } = 10;

    /// <summary>
    /// Threads the profile is made on (1: the caller's alone). The profile is the same for any value: each column
    /// still sees its values in file order (<see cref="ColumnGroupPipeline"/>).
    /// </summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Seeds the sketches' and the sample's randomness: the same file always gives the same profile.</summary>
    public ulong Seed { get; init; } = 42;
}
