using System.Globalization;
using System.Text.Json;
using Mlops.Core.Errors;

namespace Mlops.Core.Serving;

/// <summary>Scores rows with the model's champion and logs every prediction so feedback and monitoring can join it.</summary>
public sealed class PredictionService(ServedModels models, IPredictionLog log, TimeProvider clock)
{
    public async Task<IReadOnlyList<ServedPrediction>> PredictAsync(string model, IReadOnlyList<PredictionInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var served = await models.GetChampionAsync(model, cancellationToken);
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
