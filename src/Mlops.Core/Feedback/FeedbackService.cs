using System.Collections.Concurrent;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Core.Serving;

namespace Mlops.Core.Feedback;

/// <summary>
/// Records true labels for served predictions, one or many, each answered on its own: the prediction must exist and
/// the label must be one the model could have (a class it knows; a number for regression). A label for a prediction
/// served in an experiment is scored at once and joined to the experiment's outcomes, however late it arrives; under a
/// shadow experiment, the shadow challenger's prediction of the same row is scored against it too.
/// </summary>
public sealed class FeedbackService(
    IPredictionLog predictions,
    IFeedbackStore feedback,
    IModelRegistry registry,
    IExperimentStore experiments,
    IExperimentOutcomes outcomes,
    IShadowPredictionLog shadows,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<FeedbackOutcome>> RecordAsync(string model, IReadOnlyList<(string PredictionId, string Label)> labels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ModelName.Validate(model);
        var schemas = new ConcurrentDictionary<int, Task<DatasetSchema?>>();
        var running = new ConcurrentDictionary<string, Task<Experiment?>>(StringComparer.Ordinal);
        var results = new List<FeedbackOutcome>(labels.Count);
        foreach (var (predictionId, label) in labels)
        {
            results.Add(await RecordOneAsync(model, predictionId, label, schemas, running, cancellationToken));
        }

        return results;
    }

    private async Task<FeedbackOutcome> RecordOneAsync(
        string model,
        string predictionId,
        string label,
        ConcurrentDictionary<int, Task<DatasetSchema?>> schemas,
        ConcurrentDictionary<string, Task<Experiment?>> running,
        CancellationToken cancellationToken)
    {
        if (await predictions.GetAsync(model, predictionId, cancellationToken) is not { } prediction)
        {
            return new FeedbackOutcome(predictionId, label, MlopsException.NotFound($"Model '{model}' has no prediction '{predictionId}'."));
        }

        var schema = await schemas.GetOrAdd(prediction.Version, async v => (await registry.GetVersionAsync(model, v, cancellationToken))?.Schema);
        if (schema is not null && Refusal(schema, label) is { } refusal)
        {
            return new FeedbackOutcome(predictionId, label, MlopsException.Invalid(refusal));
        }

        await feedback.RecordAsync(new FeedbackRecord(model, predictionId, label, clock.GetUtcNow()), cancellationToken);
        if (prediction.ExperimentId is not { } experimentId)
        {
            return new FeedbackOutcome(predictionId, label, null);
        }

        var experiment = await running.GetOrAdd(experimentId, async id => (await experiments.GetAsync(model, id, cancellationToken))?.Experiment);
        if (experiment is null)
        {
            return new FeedbackOutcome(predictionId, label, null) { ExperimentId = experimentId };
        }

        if (ExperimentMetrics.Score(experiment.Metric, prediction.Prediction, label) is { } score)
        {
            await outcomes.RecordAsync(experimentId, predictionId, prediction.Variant, score, cancellationToken);
        }

        // The shadow scorer joins labels that came first; this joins the shadow predictions that came first.
        if (experiment.Strategy == PromotionStrategies.Shadow
            && await shadows.GetAsync(model, predictionId, cancellationToken) is { ChallengerError: null } shadow
            && ExperimentMetrics.Score(experiment.Metric, shadow.Prediction, label) is { } shadowScore)
        {
            await outcomes.RecordAsync(experimentId, predictionId, shadow.Variant, shadowScore, cancellationToken);
        }

        return new FeedbackOutcome(predictionId, label, null) { ExperimentId = experimentId };
    }

    private static string? Refusal(DatasetSchema schema, string label)
    {
        if (schema.Task == MlTask.Regression)
        {
            return CsvValues.TryParseNumber(label, out _) ? null : $"Label '{label}' is not a number, and the model predicts a number.";
        }

        return schema.ClassLabels.Contains(label.Trim(), StringComparer.Ordinal)
            ? null
            : $"Label '{label}' is not a class of the model; its classes are {string.Join(", ", schema.ClassLabels.Select(c => $"'{c}'"))}.";
    }
}
