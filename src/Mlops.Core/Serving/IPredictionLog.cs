using Mlops.Core.Experiments;

namespace Mlops.Core.Serving;

public interface IPredictionLog
{
    /// <summary>An empty batch for <see cref="WriteAsync"/>.</summary>
    IPredictionBatch CreateBatch();

    /// <summary>Stores a batch; writing the same batch again (after a failure) stores it once.</summary>
    Task WriteAsync(IPredictionBatch batch, CancellationToken cancellationToken);

    /// <summary>Stores predictions at once, as one batch.</summary>
    Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken);

    Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken);

    /// <summary>How each variant served an experiment's traffic: predictions, the challenger's failures, scoring times.</summary>
    Task<ExperimentServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken);

    /// <summary>The model's predictions made in [<paramref name="since"/>, <paramref name="until"/>), by their ids' time.</summary>
    IAsyncEnumerable<PredictionRecord> ReadRangeAsync(string model, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);
}
