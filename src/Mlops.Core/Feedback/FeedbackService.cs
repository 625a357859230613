using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
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
/// shadow experiment, the shadow challenger's prediction of the same row is scored against it too. The log is written
/// in the background, so a label can arrive before its prediction: for an id this product made recently it is kept,
/// and joined when the prediction is written (<see cref="OnWrittenAsync"/>).
/// </summary>
public sealed class FeedbackService(
    IPredictionLog predictions,
    IFeedbackStore feedback,
    IModelRegistry registry,
    IExperimentStore experiments,
    IExperimentOutcomes outcomes,
    IShadowPredictionLog shadows,
    IOptions<ServingOptions> options,
    TimeProvider clock) : IPredictionsWritten
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
            return await RecordPendingAsync(model, predictionId, label, schemas, running, cancellationToken);
        }

        var schema = await schemas.GetOrAdd(prediction.Version, async v => (await registry.GetVersionAsync(model, v, cancellationToken))?.Schema);
        if (schema is not null && Refusal(schema, label) is { } refusal)
        {
            return new FeedbackOutcome(predictionId, label, MlopsException.Invalid(refusal));
        }

        await feedback.RecordAsync(new FeedbackRecord(model, predictionId, label, clock.GetUtcNow()), cancellationToken);
        return await JoinAsync(prediction, label, running, cancellationToken);
    }

    /// <summary>Scores a stored label against its prediction (and the shadow's) for the experiment that served it.</summary>
    private async Task<FeedbackOutcome> JoinAsync(
        PredictionRecord prediction, string label, ConcurrentDictionary<string, Task<Experiment?>> running, CancellationToken cancellationToken)
    {
        var (model, predictionId) = (prediction.Model, prediction.PredictionId);
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

    /// <summary>Joins labels that arrived before their predictions were written.</summary>
    public async Task OnWrittenAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var running = new ConcurrentDictionary<string, Task<Experiment?>>(StringComparer.Ordinal);
        foreach (var group in predictions.Where(p => p.ExperimentId is not null).GroupBy(p => p.Model, StringComparer.Ordinal))
        {
            var written = group.ToDictionary(p => p.PredictionId, StringComparer.Ordinal);
            foreach (var label in await feedback.FindAsync(group.Key, written.Keys, cancellationToken))
            {
                var prediction = written[label.PredictionId];
                var experiment = await running.GetOrAdd(prediction.ExperimentId!, async id => (await experiments.GetAsync(group.Key, id, cancellationToken))?.Experiment);
                if (experiment is not null && ExperimentMetrics.Score(experiment.Metric, prediction.Prediction, label.Label) is { } score)
                {
                    await outcomes.RecordAsync(experiment.Id, prediction.PredictionId, prediction.Variant, score, cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// A label for an id not in the log: kept when the id is one this product made within
    /// <see cref="ServingOptions.PendingLabelSeconds"/> (its prediction is still being written), checked against the
    /// champion's classes; refused as unknown otherwise.
    /// </summary>
    private async Task<FeedbackOutcome> RecordPendingAsync(
        string model,
        string predictionId,
        string label,
        ConcurrentDictionary<int, Task<DatasetSchema?>> schemas,
        ConcurrentDictionary<string, Task<Experiment?>> running,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!PredictionIds.TryGetTime(predictionId, out var made)
            || made > now.AddMinutes(1)
            || now - made > TimeSpan.FromSeconds(options.Value.PendingLabelSeconds))
        {
            return new FeedbackOutcome(predictionId, label, MlopsException.NotFound($"Model '{model}' has no prediction '{predictionId}'."));
        }

        if (await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken) is not { } champion)
        {
            return new FeedbackOutcome(predictionId, label, MlopsException.NotFound($"Model '{model}' has no prediction '{predictionId}'."));
        }

        var schema = await schemas.GetOrAdd(champion.Version, async v => (await registry.GetVersionAsync(model, v, cancellationToken))?.Schema);
        if (schema is not null && Refusal(schema, label) is { } refusal)
        {
            return new FeedbackOutcome(predictionId, label, MlopsException.Invalid(refusal));
        }

        await feedback.RecordAsync(new FeedbackRecord(model, predictionId, label, now), cancellationToken);

        // The writer stores a batch, then looks for its labels; this stored the label, then looks again for the
        // prediction. Whichever comes second sees the other, so a batch written in between is not missed
        // (outcomes are keyed by prediction and variant, so a join made by both is one outcome).
        if (await predictions.GetAsync(model, predictionId, cancellationToken) is { } written)
        {
            return await JoinAsync(written, label, running, cancellationToken);
        }

        return new FeedbackOutcome(predictionId, label, null) { Pending = true };
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
