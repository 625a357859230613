using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Training.Search;
using Mlops.Core.Training.Trainers;

namespace Mlops.Core.Training;

/// <summary>
/// Fits a configuration (the search's winner, or the task's default trainer) on all training rows of a validated
/// dataset and scores it on the holdout, which no trial has seen.
/// </summary>
public sealed class ModelTrainer(IOptions<TrainingOptions> options)
{
    /// <summary>Trains the task's default trainer with its default hyperparameters.</summary>
    public TrainedModel Train(ColumnarDataset data, CancellationToken cancellationToken = default) =>
        Train(data, null, null, cancellationToken);

    /// <summary>
    /// Deterministic: the same data, schema, configuration and settings give the same metrics and the same model bytes.
    /// Throws <see cref="MlopsException"/> when the data cannot be read under <paramref name="schema"/>.
    /// </summary>
    /// <param name="data">The validated dataset, typed by its schema.</param>
    /// <param name="configuration">The trainer and hyperparameters; null for the task's default.</param>
    /// <param name="settings">The search's settings (seed, holdout, mitigations); null for the options' own.</param>
    /// <param name="cancellationToken">Honoured between steps: ML.NET offers no public way to stop a Fit.</param>
    public TrainedModel Train(ColumnarDataset data, TrialConfiguration? configuration, TrialSettings? settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var schema = data.Schema;
        settings ??= new SearchPlanner(options).DefaultSettings(schema.Task);
        var layout = FeatureLayout.For(schema);
        var trainer = configuration is null ? TrainerCatalog.Default(schema.Task) : TrainerCatalog.Find(schema.Task, configuration.Trainer);
        var parameters = trainer.Resolve(configuration?.Parameters ?? trainer.Defaults);
        var (trainingPart, holdoutPart) = HoldoutSplit.Split(data, settings.HoldoutFraction, settings.Seed);
        if (trainingPart.Length == 0)
        {
            throw MlopsException.Invalid($"No row has a value for the label '{schema.Label}', so there is nothing to train on.");
        }

        var all = TableFeatureRows.All(data);
        var training = trainingPart.Select(i => all[i]).ToList();
        var holdout = holdoutPart.Select(i => all[i]).ToList();
        cancellationToken.ThrowIfCancellationRequested();

        var ml = new MLContext(settings.Seed);
        var model = ModelFit.Fit(ml, layout, trainer, parameters, training, settings);
        cancellationToken.ThrowIfCancellationRequested();

        var metrics = HoldoutMetrics.Compute(ml, model, layout, holdout);
        var recorded = parameters.All.ToDictionary(p => p.Key, p => Format(p.Value), StringComparer.Ordinal);
        recorded["seed"] = Format(settings.Seed);
        recorded["holdoutFraction"] = Format(settings.HoldoutFraction);
        if (settings.ClassWeights && schema.Task != MlTask.Regression)
        {
            recorded["classWeights"] = "true";
        }

        return new TrainedModel(ModelZip.Save(ml, model, ModelFit.InputSchema(ml, layout)), trainer.Name, recorded, metrics, training.Count, holdout.Count);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
