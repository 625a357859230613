namespace Mlops.Core.Datasets;

/// <summary>
/// The input contract of a model: the features in order, the label and the task. It travels with the model
/// (manifest.json) so that serving and evaluation read rows exactly as training did.
/// </summary>
/// <param name="Features">Feature columns in model order.</param>
/// <param name="Label">The label column's name.</param>
/// <param name="Task">The learning task.</param>
/// <param name="ClassLabels">
/// Classification only: the label values in ordinal order. Binary: [negative, positive]. Empty for regression.
/// </param>
public sealed record DatasetSchema(
    IReadOnlyList<ColumnSchema> Features,
    string Label,
    MlTask Task,
    IReadOnlyList<string> ClassLabels)
{
    /// <summary>
    /// How the training file was written: every load of it reads the same way, and serving reads a numeric string with
    /// the same decimal mark. Null for schemas recorded before dialects were detected: comma and point.
    /// </summary>
    public CsvDialect? Dialect { get; init; }

    /// <summary>
    /// How many numeric features each date feature becomes (see DateParts): 7 for schemas the gate records now, 5 for
    /// schemas recorded before the trend and the weekend flag were added, so their models read dates as they were trained.
    /// </summary>
    public int DatePartCount { get; init; } = 5;
}
