using Mlops.Core.Datasets;

namespace Mlops.Core.Training;

/// <summary>
/// How many rows training holds at once within <see cref="TrainingOptions.MemoryBudgetMegabytes"/>. A cell costs the
/// shared typed copy of the dataset and the model-input rows made once from it (<see cref="Datasets.Columnar.ColumnarDataset"/>:
/// a value, its slot in the shared row and the row's share of its objects, about 24 bytes) plus, per trial running at
/// once, ML.NET's featurized copies and the trainer's own (about 56 bytes); beyond the rows this allows, the dataset is
/// trained on a sample (<see cref="RowSampling"/>), never loaded whole into an out-of-memory crash.
/// </summary>
public static class TrainingMemory
{
    /// <summary>The shared copy's bytes per cell: the typed value, its slot in the shared input row, the row's objects.</summary>
    public const int SharedBytesPerCell = 24;

    /// <summary>Each concurrent trial's bytes per cell: features as floats, ML.NET's row and cache copies.</summary>
    public const int TrialBytesPerCell = 56;

    /// <summary>The fewest rows a sample keeps, whatever the budget: below this a search learns little.</summary>
    public const int MinRows = 10_000;

    /// <summary>Rows of <paramref name="columns"/> columns that fit in the budget.</summary>
    public static int MaxRows(TrainingOptions options, int columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perRow = (long)Math.Max(1, columns) * (SharedBytesPerCell + (TrialBytesPerCell * (long)options.MaxConcurrentTrials));
        var rows = ((long)options.MemoryBudgetMegabytes << 20) / perRow;
        return (int)Math.Clamp(rows, MinRows, int.MaxValue);
    }

    /// <summary>The sample training draws of a dataset with this schema: stratified by the label for classification.</summary>
    public static RowSampling Sampling(TrainingOptions options, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schema);
        return new RowSampling(
            MaxRows(options, schema.Features.Count + 1),
            schema.Task == MlTask.Regression ? null : schema.Label,
            (ulong)options.Seed);
    }
}
