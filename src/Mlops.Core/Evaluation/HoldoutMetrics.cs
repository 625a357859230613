using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Training;

namespace Mlops.Core.Evaluation;

/// <summary>
/// Scores a model on holdout rows. The trainer and the champion evaluation both come here, so a challenger and a
/// champion are measured by the same code on the same rows.
/// </summary>
internal static class HoldoutMetrics
{
    public static Dictionary<string, double> Compute(MLContext ml, ITransformer model, FeatureLayout layout, IReadOnlyList<FeatureRow> holdout)
    {
        var schema = layout.Schema;
        if (holdout.Count == 0)
        {
            throw MlopsException.Invalid("The holdout has no rows with a label, so the model cannot be scored.");
        }

        if (schema.Task == MlTask.BinaryClassification)
        {
            // ML.NET's AUC throws without both classes; say which one is short instead.
            var absent = schema.ClassLabels.FirstOrDefault(c => !holdout.Any(r => r.LabelText == c));
            if (absent is not null)
            {
                throw MlopsException.Invalid($"The holdout has no '{absent}' rows, so AUC is undefined; each class needs at least two rows.");
            }
        }

        var metrics = FromEvaluator(ml, model, layout, holdout);
        if (metrics.Values.All(double.IsFinite))
        {
            return metrics;
        }

        // ML.NET's log-loss is infinite when a saturated probability puts 0 on the true class, and some ratios are NaN
        // with nothing to divide by; neither can be stored or compared. Those take the sample computation's value
        // (probabilities clipped at 1e-15, as scikit-learn does; 0 for an empty ratio), and a metric still undefined
        // (R² of a constant label) is left out.
        var sample = new SampleMetrics(HoldoutScoring.Score(ml, model, layout, holdout, schema.Task, schema.ClassLabels));
        foreach (var name in metrics.Keys.Where(k => !double.IsFinite(metrics[k])).ToList())
        {
            var value = sample.Compute(name);
            if (double.IsFinite(value))
            {
                metrics[name] = value;
            }
            else
            {
                metrics.Remove(name);
            }
        }

        return metrics;
    }

    private static Dictionary<string, double> FromEvaluator(MLContext ml, ITransformer model, FeatureLayout layout, IReadOnlyList<FeatureRow> holdout)
    {
        var schema = layout.Schema;
        var scored = model.Transform(ml.Data.LoadFromEnumerable(holdout, layout.CreateInputDefinition()));
        var label = FeaturePipeline.LabelColumn(schema.Task);
        switch (schema.Task)
        {
            case MlTask.BinaryClassification:
                // Read twice (ML.NET's evaluator, then average precision, which it does not compute as scikit-learn
                // does): the outputs are cached, so the rows are featurized and scored once.
                scored = ml.Data.Cache(scored, label, "Score", "Probability", "PredictedLabel");
                var binary = ml.BinaryClassification.Evaluate(scored, label);
                return new()
                {
                    [MetricNames.Accuracy] = binary.Accuracy,
                    [MetricNames.Precision] = binary.PositivePrecision,
                    [MetricNames.Recall] = binary.PositiveRecall,
                    [MetricNames.F1] = binary.F1Score,
                    [MetricNames.Auc] = binary.AreaUnderRocCurve,
                    [MetricNames.AveragePrecision] = new SampleMetrics(HoldoutScoring.Read(ml, scored, layout, holdout, schema.Task, schema.ClassLabels)).Compute(MetricNames.AveragePrecision),
                    [MetricNames.LogLoss] = binary.LogLoss,
                };

            case MlTask.MulticlassClassification:
                var multiclass = ml.MulticlassClassification.Evaluate(scored, label);
                return new()
                {
                    [MetricNames.Accuracy] = multiclass.MicroAccuracy,
                    [MetricNames.MacroAccuracy] = multiclass.MacroAccuracy,
                    [MetricNames.MacroF1] = MacroF1(multiclass.ConfusionMatrix.Counts),
                    [MetricNames.LogLoss] = multiclass.LogLoss,
                };

            default:
                var regression = ml.Regression.Evaluate(scored, label);
                return new()
                {
                    [MetricNames.Rmse] = regression.RootMeanSquaredError,
                    [MetricNames.Mae] = regression.MeanAbsoluteError,
                    [MetricNames.R2] = regression.RSquared,
                };
        }
    }

    /// <summary>
    /// Unweighted mean of per-class F1 (rows: actual class, columns: predicted). A class neither present nor
    /// predicted is left out, as scikit-learn does, rather than counted as a zero.
    /// </summary>
    internal static double MacroF1(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        var sum = 0.0;
        var classes = 0;
        for (var k = 0; k < counts.Count; k++)
        {
            var truePositives = counts[k][k];
            var actual = counts[k].Sum();
            var predicted = counts.Sum(row => row[k]);
            if (actual == 0 && predicted == 0)
            {
                continue;
            }

            var precision = predicted > 0 ? truePositives / predicted : 0;
            var recall = actual > 0 ? truePositives / actual : 0;
            sum += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
            classes++;
        }

        return classes == 0 ? double.NaN : sum / classes;
    }
}
