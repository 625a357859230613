using Mlops.Core.Experiments;

namespace Mlops.Core.Serving;

public interface IPredictionLog
{
    Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken);

    Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken);

    /// <summary>How each variant served an experiment's traffic: predictions, the challenger's failures, scoring times.</summary>
    Task<ExperimentServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken);

    /// <summary>The model's predictions made in [<paramref name="since"/>, <paramref name="until"/>), by their ids' time.</summary>
    IAsyncEnumerable<PredictionRecord> ReadRangeAsync(string model, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
