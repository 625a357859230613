using System.Globalization;
using System.Text.Json;
using Mlops.Core.Errors;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Core.Telemetry;

namespace Mlops.Core.Serving;

/// <summary>
/// Scores rows with the model's champion, or, while an A/B experiment runs, with the variant each row's entity is
/// assigned to, and logs every prediction so feedback, experiments and monitoring can join it.
/// </summary>
public sealed class PredictionService(ServedModels models, ExperimentRouter experiments, IPredictionLog log, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServedPrediction>> PredictAsync(string model, IReadOnlyList<PredictionInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var span = MlopsTelemetry.ActivitySource.StartActivity("predict");
        var served = await models.GetChampionAsync(model, cancellationToken);
        var experiment = await experiments.GetRunningAsync(model, cancellationToken);
        var challenger = experiment is { Strategy: PromotionStrategies.Ab }
            ? await models.GetVersionAsync(model, experiment.ChallengerVersion, Aliases.Challenger, cancellationToken)
            : null;
        span?.SetTag("mlops.model", model).SetTag("mlops.version", served.Version).SetTag("mlops.instances", inputs.Count);
        var now = clock.GetUtcNow();
        var answers = new ServedPrediction[inputs.Count];
        var records = new PredictionRecord[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var id = Guid.CreateVersion7(now).ToString("N");

            // Without an entity id the row is its own entity: assigned at random, as the design says, not sticky.
            var entity = inputs[i].EntityId ?? id;
            var variant = challenger is not null && VariantAssignment.IsChallenger(experiment!.Salt, entity, experiment.Traffic) ? challenger : served;
            var prediction = PredictOne(variant, inputs[i], i, inputs.Count);
            answers[i] = new ServedPrediction(prediction.Label, prediction.Probabilities, prediction.Score, variant.Version, variant.Variant, id);
            records[i] = new PredictionRecord(
                model,
                id,
                variant.Version,
                variant.Variant,
                now,
                JsonSerializer.Serialize(inputs[i].Features, MlopsJson.Options),
                prediction.Label,
                prediction.Score,
                inputs[i].EntityId)
            {
                ExperimentId = challenger is null ? null : experiment!.Id,
            };
        }

        await log.RecordAsync(records, cancellationToken);
        MlopsTelemetry.Predictions.Add(
            inputs.Count,
            new KeyValuePair<string, object?>("model", model),
            new KeyValuePair<string, object?>("version", served.Version),
            new KeyValuePair<string, object?>("variant", served.Variant));
        return answers;
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
