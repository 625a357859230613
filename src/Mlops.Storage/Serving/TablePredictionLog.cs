using Azure.Data.Tables;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// Served predictions in the Predictions table: partition = model, row = prediction id. A batch is written as
/// transactions of at most 100 rows of one partition; rows are upserted, so writing a batch again is harmless.
/// </summary>
public sealed class TablePredictionLog(StorageClients clients) : IPredictionLog
{
    /// <summary>The most operations one entity group transaction may hold.</summary>
    public const int MaxTransactionRows = PredictionEntities.MaxTransactionRows;

    private readonly TableClient table = clients.Table(StorageNames.PredictionsTable);

    public Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken) =>
        PredictionEntities.WriteAsync(table, predictions, cancellationToken);

    public Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken) =>
        PredictionEntities.ReadAsync(table, model, predictionId, cancellationToken);

    public Task<ExperimentServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken) =>
        PredictionEntities.ServingAsync(table, model, experimentId, cancellationToken);

    public IAsyncEnumerable<PredictionRecord> ReadRangeAsync(string model, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        PredictionEntities.ReadRangeAsync(table, model, since, until, cancellationToken);
}
