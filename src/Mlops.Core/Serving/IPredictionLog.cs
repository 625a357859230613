namespace Mlops.Core.Serving;

public interface IPredictionLog
{
    Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken);

    Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken);

    /// <summary>How many predictions each variant served in an experiment.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByVariantAsync(string model, string experimentId, CancellationToken cancellationToken);
}
