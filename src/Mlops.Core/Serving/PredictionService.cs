using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Mlops.Core.Errors;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Core.Telemetry;

namespace Mlops.Core.Serving;

/// <summary>
/// Scores rows with the model's champion, or, while an A/B experiment runs, with the variant each row's entity is
/// assigned to, and hands every prediction to the log's buffer (written in the background) so feedback, experiments
/// and monitoring can join it. While a shadow experiment runs, the champion answers and the challenger's share of rows
/// is handed to the shadow queue, unawaited.
/// </summary>
public sealed class PredictionService(
    ServedModels models,
    ExperimentRouter experiments,
    IPredictionRecorder log,
    IShadowDispatch shadows,
    TimeProvider clock,
    ILogger<PredictionService> logger)
{
    public async Task<IReadOnlyList<ServedPrediction>> PredictAsync(string model, IReadOnlyList<PredictionInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var started = Stopwatch.GetTimestamp();
        using var span = MlopsTelemetry.ActivitySource.StartActivity("predict");
        var served = await models.GetChampionAsync(model, cancellationToken);
        var experiment = await experiments.GetRunningAsync(model, cancellationToken);
        var split = experiment is { Strategy: PromotionStrategies.Ab } ? experiment : null;
        var challenger = split is not null
            ? await models.GetVersionAsync(model, split.ChallengerVersion, Aliases.Challenger, cancellationToken)
            : null;
        var shadow = experiment is { Strategy: PromotionStrategies.Shadow } ? experiment : null;
        span?.SetTag("mlops.model", model).SetTag("mlops.version", served.Version).SetTag("mlops.instances", inputs.Count);
        var now = clock.GetUtcNow();
        var answers = new ServedPrediction[inputs.Count];
        var records = new PredictionRecord[inputs.Count];
        List<ShadowRow>? mirrored = null;
        for (var i = 0; i < inputs.Count; i++)
        {
            var id = PredictionIds.New(now);

            // Without an entity id the row is its own entity: assigned at random, as the design says, not sticky.
            var entity = inputs[i].EntityId ?? id;
            var features = inputs[i].FeaturesJson ?? JsonSerializer.Serialize(inputs[i].Features, MlopsJson.Options);
            var (variant, prediction, latency, challengerError) = split is not null && VariantAssignment.IsChallenger(split.Salt, entity, split.Traffic)
                ? ScoreChallenger(split, challenger, served, inputs[i], i, inputs.Count)
                : (served, Timed(served, inputs[i], i, inputs.Count, out var ms), ms, null);
            answers[i] = new ServedPrediction(prediction.Label, prediction.Probabilities, prediction.Score, variant.Version, variant.Variant, id);
            records[i] = new PredictionRecord(model, id, variant.Version, variant.Variant, now, features, prediction.Label, prediction.Score, inputs[i].EntityId)
            {
                ExperimentId = experiment?.Id,
                LatencyMs = latency,
                ChallengerError = challengerError,
            };
            if (shadow is not null && VariantAssignment.IsChallenger(shadow.Salt, entity, shadow.Traffic))
            {
                (mirrored ??= []).Add(new ShadowRow(id, features, inputs[i].EntityId));
            }
        }

        await log.RecordAsync(records, cancellationToken);
        if (mirrored is not null && !shadows.TryEnqueue(new ShadowRequest(model, shadow!.Id, shadow.ChallengerVersion, mirrored)))
        {
            MlopsTelemetry.ShadowDropped.Add(mirrored.Count, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("reason", "backlog"));
        }

        var tags = new TagList { { "model", model }, { "version", served.Version } };
        MlopsTelemetry.Predictions.Add(inputs.Count, tags);
        MlopsTelemetry.PredictDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
        span?.SetTag("mlops.experiment", experiment?.Id);
        return answers;
    }

    /// <summary>
    /// The challenger answers its row; when it cannot (an input its schema refuses, a failing model) the champion answers
    /// instead and the failure is recorded for the error-rate guardrail. A row neither can read is the caller's mistake.
    /// </summary>
    private (ServedModel Variant, Prediction Prediction, double LatencyMs, string? ChallengerError) ScoreChallenger(
        Experiment experiment, ServedModel? challenger, ServedModel champion, PredictionInput input, int index, int count)
    {
        // A challenger that cannot be loaded fails every row it is given (ServedModels has logged why).
        var error = string.Create(CultureInfo.InvariantCulture, $"Version {experiment.ChallengerVersion} cannot be served.");
        if (challenger is not null)
        {
            try
            {
                return (challenger, Timed(challenger, input, index, count, out var ms), ms, null);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message;
                ServingLog.ChallengerFailed(logger, challenger.Model, challenger.Version, error);
            }
        }

        return (champion, Timed(champion, input, index, count, out var championMs), championMs, error);
    }

    private static Prediction Timed(ServedModel served, PredictionInput input, int index, int count, out double milliseconds)
    {
        var start = Stopwatch.GetTimestamp();
        var prediction = PredictOne(served, input, index, count);
        milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return prediction;
    }

    private static Prediction PredictOne(ServedModel served, PredictionInput input, int index, int count)
    {
        try
        {
            return served.Predictor.Predict(input.Features);
        }
        catch (MlopsException e) when (count > 1)
        {
            // In a batch the caller needs to know which instance was wrong.
            throw new MlopsException(e.Code, string.Create(CultureInfo.InvariantCulture, $"Instance {index}: {e.Message}"));
        }
    }
}
