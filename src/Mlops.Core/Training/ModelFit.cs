using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training;

/// <summary>Fits featurization and trainer on rows: what a trial does on each fold and the refit does on all rows.</summary>
internal static class ModelFit
{
    public static ITransformer Fit(MLContext ml, FeatureLayout layout, TrainerDefinition trainer, ParameterValues parameters, IReadOnlyList<FeatureRow> rows, TrialSettings settings)
    {
        var weighted = settings.ClassWeights && layout.Schema.Task != MlTask.Regression;
        var view = ml.Data.LoadFromEnumerable(weighted ? ClassWeights.Apply(rows) : rows, layout.CreateInputDefinition(weighted));
        var estimator = FeaturePipeline.Build(ml, layout, rows, settings.OneHotMaxCardinality)
            .Append(trainer.Build(ml, new TrainerInputs(parameters, settings.Seed, weighted ? FeaturePipeline.Weight : null)));
        return estimator.Fit(view);
    }

    /// <summary>The input schema saved with a model: what scoring gives it, without the training-only weight.</summary>
    public static DataViewSchema InputSchema(MLContext ml, FeatureLayout layout) =>
        ml.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), layout.CreateInputDefinition()).Schema;
}
