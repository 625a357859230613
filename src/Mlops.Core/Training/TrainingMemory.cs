using Mlops.Core.Datasets;

namespace Mlops.Core.Training;

/// <summary>
/// How many rows training holds at once within <see cref="TrainingOptions.MemoryBudgetMegabytes"/>. A cell costs the
/// shared typed copy of the dataset and the model-input rows made once from it (<see cref="Datasets.Columnar.ColumnarDataset"/>:
/// a value, its slot in the shared row and the row's share of its objects, about 24 bytes) plus, per trial running at
/// once, ML.NET's featurized copies and the trainer's own (about 56 bytes). All of the data comes before speed: the
/// rows are those that fit with one trial at a time, and the search runs as many trials at once as the rows it has
/// leave room for (at most <see cref="TrainingOptions.MaxConcurrentTrials"/>). Beyond those rows the dataset is trained
/// on a sample (<see cref="RowSampling"/>), never loaded whole into an out-of-memory crash.
/// </summary>
public static class TrainingMemory
{
    /// <summary>The shared copy's bytes per cell: the typed value, its slot in the shared input row, the row's objects.</summary>
    public const int SharedBytesPerCell = 24;

    /// <summary>Each concurrent trial's bytes per cell: features as floats, ML.NET's row and cache copies.</summary>
    public const int TrialBytesPerCell = 56;

    /// <summary>
    /// The cells a free-text value weighs: each trial featurizes it into tens of word and character n-grams, sparse
    /// entries that its cached copy and the trainer hold. Measured: the mixed benchmark file (nine columns and one short
    /// text column) peaked at 2.4 GB resident on 1.22 million rows budgeted at 1 GB as if the text were one cell.
    /// </summary>
    public const int TextCellWeight = 16;

    /// <summary>The fewest rows a sample keeps, whatever the budget: below this a search learns little.</summary>
    public const int MinRows = 10_000;

    /// <summary>Rows of <paramref name="columns"/> columns that fit in the budget with one trial running.</summary>
    public static int MaxRows(TrainingOptions options, int columns)
    {
        ArgumentNullException.ThrowIfNull(options);
        var perRow = (long)Math.Max(1, columns) * (SharedBytesPerCell + TrialBytesPerCell);
        var rows = ((long)options.MemoryBudgetMegabytes << 20) / perRow;
        return (int)Math.Clamp(rows, MinRows, int.MaxValue);
    }

    /// <summary>Trials that can run at once on <paramref name="rows"/> rows of <paramref name="columns"/> columns: at least one.</summary>
    public static int Concurrency(TrainingOptions options, int columns, long rows)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cells = Math.Max(1, rows) * Math.Max(1, columns);
        var room = ((options.MemoryBudgetMegabytes << 20) / (double)cells) - SharedBytesPerCell;
        return (int)Math.Clamp(Math.Floor(room / TrialBytesPerCell), 1, options.MaxConcurrentTrials);
    }

    /// <summary>
    /// The cells a row of this schema weighs in memory: a feature each (free text <see cref="TextCellWeight"/>, a date
    /// <see cref="DatasetSchema.DatePartCount"/>) and the label.
    /// </summary>
    public static int Cells(DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema.Features.Sum(f => f.Kind switch
        {
            ColumnKind.Text => TextCellWeight,
            // Every date part is a numeric feature in each row a trial reads. Measured: the mixed benchmark file (two
            // dates) sampled at 1.22 million rows with a date weighing one cell peaked at 2.1 GB resident where the
            // budget meant 1 GB.
            ColumnKind.Date => schema.DatePartCount,
            _ => 1,
        }) + 1;
    }

    /// <summary>The sample training draws of a dataset with this schema: stratified by the label for classification.</summary>
    public static RowSampling Sampling(TrainingOptions options, DatasetSchema schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(schema);
        return new RowSampling(
            MaxRows(options, Cells(schema)),
            schema.Task == MlTask.Regression ? null : schema.Label,
            (ulong)options.Seed);
    }
}
