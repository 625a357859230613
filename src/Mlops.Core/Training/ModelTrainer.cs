using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.ML;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;

namespace Mlops.Core.Training;

/// <summary>Fits the task's trainer on the training part of a validated dataset and scores it on the holdout.</summary>
public sealed class ModelTrainer(IOptions<TrainingOptions> options)
{
    /// <summary>
    /// Deterministic: the same data, schema and options give the same metrics and the same model bytes.
    /// Throws <see cref="MlopsException"/> when the data cannot be read under <paramref name="schema"/>.
    /// </summary>
    public TrainedModel Train(CsvDataset data, DatasetSchema schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var settings = options.Value;
        var layout = FeatureLayout.For(schema);
        var (trainingPart, holdoutPart) = HoldoutSplit.Split(data, schema, settings.HoldoutFraction, settings.Seed);
        if (trainingPart.Count == 0)
        {
            throw MlopsException.Invalid($"No row has a value for the label '{schema.Label}', so there is nothing to train on.");
        }

        var training = CsvFeatureRows.Read(layout, data, trainingPart);
        var holdout = CsvFeatureRows.Read(layout, data, holdoutPart);
        cancellationToken.ThrowIfCancellationRequested();

        // ML.NET offers no public way to stop a Fit; training takes seconds, so the token is honoured between steps.
        var ml = new MLContext(settings.Seed);
        var trainer = TrainerChoice.For(ml, schema.Task, settings.Seed);
        var trainingView = ml.Data.LoadFromEnumerable(training, layout.CreateInputDefinition());
        var model = FeaturePipeline.Build(ml, layout).Append(trainer.Estimator).Fit(trainingView);
        cancellationToken.ThrowIfCancellationRequested();

        var metrics = HoldoutMetrics.Compute(ml, model, layout, holdout);
        var parameters = new Dictionary<string, string>(trainer.Parameters)
        {
            ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
            ["holdoutFraction"] = settings.HoldoutFraction.ToString(CultureInfo.InvariantCulture),
        };
        return new TrainedModel(ModelZip.Save(ml, model, trainingView.Schema), trainer.Name, parameters, metrics, training.Count, holdout.Count);
    }
}
