using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;

namespace Mlops.Core.Evaluation;

/// <summary>
/// The rows every model of a comparison is scored on (indexes into <see cref="Data"/>), and what the trivial baseline
/// learns from (the training rows' labels, as class indices in <see cref="DatasetSchema.ClassLabels"/> order or values).
/// </summary>
public sealed record HoldoutSet(ColumnarDataset Data, IReadOnlyList<int> Rows, IReadOnlyList<double> TrainingLabels)
{
    /// <summary>The schema the data is split and labelled under.</summary>
    public DatasetSchema Schema => Data.Schema;
}
