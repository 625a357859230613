using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;

namespace Mlops.Core.Evaluation;

/// <summary>
/// Compares two model versions on one shared holdout (the newer version's, split as its trainer split it) with a
/// paired bootstrap interval per metric: the reading that says whether one is better or the gap is noise.
/// </summary>
public sealed class VersionComparer(ModelEvaluator evaluator, IOptions<TrainingOptions> options)
{
    /// <param name="a">The first version's model.zip and schema.</param>
    /// <param name="b">The second version's.</param>
    /// <param name="data">The shared holdout's dataset, typed by the schema it is split and labelled under (the version it trained).</param>
    public SharedHoldoutComparison Compare((BinaryData Zip, DatasetSchema Schema) a, (BinaryData Zip, DatasetSchema Schema) b, ColumnarDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var holdout = evaluator.Holdout(data);
        var left = evaluator.Score(a.Zip, a.Schema, holdout);
        var right = evaluator.Score(b.Zip, b.Schema, holdout);
        if (left.Scores is null || right.Scores is null)
        {
            return SharedHoldoutComparison.Failed(left.Problem ?? right.Problem!);
        }

        var bootstrap = new PairedBootstrap(left.Scores, right.Scores, new BootstrapSettings(Seed: (ulong)options.Value.Seed));
        var differences = PrimaryMetric.Reported(data.Schema.Task).ToDictionary(m => m, bootstrap.Compare, StringComparer.Ordinal);
        return new SharedHoldoutComparison(left.Scores.Count, differences, null);
    }
}
