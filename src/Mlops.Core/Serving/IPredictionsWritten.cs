namespace Mlops.Core.Serving;

/// <summary>Told when buffered predictions have reached the log: labels that came first can be joined now.</summary>
public interface IPredictionsWritten
{
    Task OnWrittenAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken);
}
