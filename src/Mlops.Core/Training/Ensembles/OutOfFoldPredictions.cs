using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Serving;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training.Ensembles;

/// <summary>
/// A configuration's predictions for every row of the training part, each from the fold model that did not see it: the
/// same fits as its trial (same folds, budget and seed), keeping the outputs where the trial kept only the metric.
/// </summary>
internal static class OutOfFoldPredictions
{
    /// <returns>Per training-part position, the member's output: one value, or one per class for multiclass.</returns>
    public static float[][] Compute(FoldSplit split, FeatureLayout layout, TrialConfiguration configuration, TrialSettings settings, double budget, CancellationToken cancellationToken)
    {
        var schema = layout.Schema;
        var trainer = TrainerCatalog.Find(schema.Task, configuration.Trainer);
        var parameters = trainer.Resolve(configuration.Parameters);
        var outputs = new float[split.TrainingPart.Length][];
        for (var fold = 0; fold < settings.Folds; fold++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (training, validation) = split.Fold(fold, budget);
            var ml = new MLContext(settings.Seed);
            var model = ModelFit.Fit(ml, layout, trainer, parameters, training, settings);
            var rows = validation.Select(i => split.Rows[split.TrainingPart[i]]).ToList();
            var scored = model.Transform(ml.Data.LoadFromEnumerable(rows, layout.CreateInputDefinition()));
            var k = 0;
            foreach (var output in Read(ml, scored, schema.Task))
            {
                outputs[validation[k++]] = output;
            }
        }

        return outputs;
    }

    /// <summary>Each scored row's output: positive-class probability, class probabilities, or prediction.</summary>
    public static IEnumerable<float[]> Read(MLContext ml, IDataView scored, MlTask task) => task switch
    {
        MlTask.BinaryClassification => ml.Data.CreateEnumerable<BinaryScoredRow>(scored, reuseRowObject: false).Select(r => new[] { r.Probability }),
        MlTask.MulticlassClassification => ml.Data.CreateEnumerable<MulticlassScoredRow>(scored, reuseRowObject: false).Select(r => r.Score),
        _ => ml.Data.CreateEnumerable<RegressionScoredRow>(scored, reuseRowObject: false).Select(r => new[] { r.Score }),
    };
}
