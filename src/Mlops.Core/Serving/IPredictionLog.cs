namespace Mlops.Core.Serving;

public interface IPredictionLog
{
    Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken);

    Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken);
}
