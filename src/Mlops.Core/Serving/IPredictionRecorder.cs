namespace Mlops.Core.Serving;

/// <summary>
/// Where predict hands its predictions: a buffer written to the prediction log in the background, so a request never
/// waits for storage (unless the buffer is full and <see cref="ServingOptions.LogWhenFull"/> says to wait).
/// </summary>
public interface IPredictionRecorder
{
    ValueTask RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken);
}
