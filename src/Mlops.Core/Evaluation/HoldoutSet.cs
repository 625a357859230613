using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>
/// The rows every model of a comparison is scored on, and what the trivial baseline learns from (the training
/// rows' labels, as class indices in <see cref="DatasetSchema.ClassLabels"/> order or values).
/// </summary>
public sealed record HoldoutSet(CsvDataset Data, DatasetSchema Schema, IReadOnlyList<string[]> Rows, IReadOnlyList<double> TrainingLabels);
