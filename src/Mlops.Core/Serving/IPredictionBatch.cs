namespace Mlops.Core.Serving;

/// <summary>
/// Predictions on their way to the log, encoded as they are added: the log's writer keeps bytes for them, not the
/// records (records held for a whole flush interval outlive the young generation and cost the collector more than
/// encoding them does). Written with <see cref="IPredictionLog.WriteAsync"/>, as often as a failed write needs.
/// </summary>
public interface IPredictionBatch : IDisposable
{
    /// <summary>Predictions added.</summary>
    int Count { get; }

    /// <summary>Predictions added per model, for what a lost batch is counted under.</summary>
    IReadOnlyDictionary<string, int> CountByModel { get; }

    /// <summary>The predictions served within an experiment, kept whole: labels that came first are joined to them once written.</summary>
    IReadOnlyList<PredictionRecord> ExperimentPredictions { get; }

    /// <summary>Encodes a prediction into the batch; throws MlopsException for a model name or id the log cannot file.</summary>
    void Add(PredictionRecord prediction);
}
