using Mlops.Core.Datasets;

namespace Mlops.Core.Profiling;

/// <summary>
/// Profiles a dataset in one pass as <see cref="CsvDatasetReader"/> streams it (or from rows in memory), in memory
/// bounded per column: for each column its inferred type, counts, distinct values, numeric summary with quantiles and
/// histogram, commonest values; for the rows their duplicate rate and a uniform sample. Rows whose label is missing are
/// counted and left out, as training leaves them out. The columns are profiled on every core as the rows stream in
/// (<see cref="ColumnGroupPipeline"/>), with the same result as on one.
/// </summary>
public sealed class DatasetProfiler(ProfilerSettings? settings = null) : ICsvRowSink
{
    private const int MinSampleRows = 1_000;

    private readonly ProfilerSettings settings = settings ?? new ProfilerSettings();
    private ColumnAccumulator[] columns = [];
    private DuplicateRowCounter? duplicates;
    private ColumnGroupPipeline? pipeline;
    private RowReservoir? sample;
    private int label = -1;
    private long rows;
    private long unlabelled;

    public void Header(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var skipped = new HashSet<string>(settings.Skip, StringComparer.Ordinal);
        var profiled = Enumerable.Range(0, columns.Count).Where(i => !skipped.Contains(columns[i])).ToArray();
        this.columns = [.. profiled.Select(i => new ColumnAccumulator(columns[i], i, settings, settings.Seed + (ulong)i))];
        label = settings.Label is null ? -1 : columns.ToList().IndexOf(settings.Label);
        duplicates = new DuplicateRowCounter(settings.DuplicateRowLimit);
        pipeline = new ColumnGroupPipeline(this.columns, duplicates, settings.Workers);
        var sampleRows = Math.Clamp(settings.SampleCells / Math.Max(1, profiled.Length), Math.Min(MinSampleRows, settings.SampleRows), settings.SampleRows);
        sample = new RowReservoir(Math.Max(1, sampleRows), profiled, settings.Seed);
    }

    public void Row(CsvRow row)
    {
        if (label >= 0 && (label >= row.Count || MissingValues.IsMissing(row[label])))
        {
            unlabelled++;
            return;
        }

        rows++;
        pipeline!.Add(row);
        sample!.Offer(row);
    }

    /// <summary>The profile of every row seen. Call once, after the last row.</summary>
    public DatasetProfile Complete()
    {
        pipeline?.Complete();
        var statistics = columns.Select(c => c.Complete()).ToList();
        return new DatasetProfile(
            [.. statistics.Select(s => s.ToProfile(settings, withCategories: s.Type is not InferredType.Numeric and not InferredType.Text))],
            rows,
            unlabelled,
            duplicates?.DuplicateRate ?? 0,
            duplicates?.Exact ?? true)
        {
            Statistics = statistics,
            Sample = new RowSample([.. columns.Select(c => c.Name)], sample?.Rows() ?? []),
            DuplicateSampleRate = duplicates?.SampleRate ?? 1,
        };
    }
}
