using Azure.Data.Tables;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// A shadow challenger's predictions in the ShadowPredictions table (partition =
/// model, row = prediction id), so each sits under the id of the champion's answer to the same row.
/// </summary>
public sealed class TableShadowPredictionLog(StorageClients clients) : IShadowPredictionLog
{
    private readonly TableClient table = clients.Table(StorageNames.ShadowPredictionsTable);

    public Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken) =>
        PredictionEntities.WriteAsync(table, predictions, cancellationToken);

    public Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken) =>
        PredictionEntities.ReadAsync(table, model, predictionId, cancellationToken);

    public async Task<VariantServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken) =>
        (await PredictionEntities.ServingAsync(table, model, experimentId, cancellationToken)).Challenger;
}
