using System.Globalization;
using System.Text.Json;
using Mlops.Core.Errors;
using Mlops.Core.Telemetry;

namespace Mlops.Core.Serving;

/// <summary>Scores rows with the model's champion and logs every prediction so feedback and monitoring can join it.</summary>
public sealed class PredictionService(ServedModels models, IPredictionLog log, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServedPrediction>> PredictAsync(string model, IReadOnlyList<PredictionInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var span = MlopsTelemetry.ActivitySource.StartActivity("predict");
        var served = await models.GetChampionAsync(model, cancellationToken);
        span?.SetTag("mlops.model", model).SetTag("mlops.version", served.Version).SetTag("mlops.instances", inputs.Count);
        var now = clock.GetUtcNow();
        var answers = new ServedPrediction[inputs.Count];
        var records = new PredictionRecord[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var prediction = PredictOne(served, inputs[i], i, inputs.Count);
            var id = Guid.CreateVersion7(now).ToString("N");
            answers[i] = new ServedPrediction(prediction.Label, prediction.Probabilities, prediction.Score, served.Version, served.Variant, id);
            records[i] = new PredictionRecord(
                model,
                id,
                served.Version,
                served.Variant,
                now,
                JsonSerializer.Serialize(inputs[i].Features, MlopsJson.Options),
                prediction.Label,
                prediction.Score,
                inputs[i].EntityId);
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
