using Mlops.Core.Serving;

namespace Mlops.Core.Experiments;

/// <summary>The shadow challenger's predictions, each under the prediction id of the champion's answer to the same row.</summary>
public interface IShadowPredictionLog
{
    Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken);

    Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken);

    /// <summary>How the challenger served an experiment's shadow traffic: its failures and scoring times.</summary>
    Task<VariantServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken);
}
