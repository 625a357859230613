using Microsoft.Extensions.Options;
using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Training;

namespace Mlops.Core.Evaluation;

/// <summary>Scores a saved model (typically the champion) on the holdout a new training run used.</summary>
public sealed class ModelEvaluator(IOptions<TrainingOptions> options)
{
    /// <summary>
    /// Scores <paramref name="modelZip"/>, read under <paramref name="modelSchema"/>, on the holdout rows of
    /// <paramref name="data"/> split under <paramref name="dataSchema"/> with the trainer's seed and fraction, so both
    /// models meet the same rows. When the model cannot read this data the result carries the reason instead of
    /// metrics: an incompatible champion is a finding, not a fault.
    /// </summary>
    public EvaluationResult Evaluate(BinaryData modelZip, DatasetSchema modelSchema, CsvDataset data, DatasetSchema dataSchema)
    {
        ArgumentNullException.ThrowIfNull(modelZip);
        ArgumentNullException.ThrowIfNull(modelSchema);
        ArgumentNullException.ThrowIfNull(dataSchema);
        if (modelSchema.Task != dataSchema.Task)
        {
            return EvaluationResult.Failed($"The model does {Describe(modelSchema.Task)} but this data asks for {Describe(dataSchema.Task)}.");
        }

        if (!string.Equals(modelSchema.Label, dataSchema.Label, StringComparison.Ordinal))
        {
            return EvaluationResult.Failed($"The model predicts '{modelSchema.Label}' but this data's label is '{dataSchema.Label}'.");
        }

        var settings = options.Value;
        FeatureLayout layout;
        List<FeatureRow> holdout;
        try
        {
            layout = FeatureLayout.For(modelSchema);
            var (_, holdoutPart) = HoldoutSplit.Split(data, dataSchema, settings.HoldoutFraction, settings.Seed);
            holdout = CsvFeatureRows.Read(layout, data, holdoutPart);
        }
        catch (MlopsException e)
        {
            return EvaluationResult.Failed(e.Message);
        }

        var ml = new MLContext(settings.Seed);
        ITransformer model;
        try
        {
            model = ModelZip.Load(ml, modelZip);
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or FormatException)
        {
            return EvaluationResult.Failed($"The model.zip could not be loaded: {e.Message}");
        }

        try
        {
            return new EvaluationResult(HoldoutMetrics.Compute(ml, model, layout, holdout), null);
        }
        catch (MlopsException e)
        {
            return EvaluationResult.Failed(e.Message);
        }
        catch (ArgumentException e)
        {
            // ML.NET's answer when the zip's input schema disagrees with the manifest's (a column's type or size).
            return EvaluationResult.Failed($"The model's saved input does not match its schema: {e.Message}");
        }
    }

    private static string Describe(MlTask task) => task switch
    {
        MlTask.BinaryClassification => "binary classification",
        MlTask.MulticlassClassification => "multiclass classification",
        _ => "regression",
    };
}
