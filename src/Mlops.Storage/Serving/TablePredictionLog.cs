using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// Served predictions in the Predictions table: partition = model, row = prediction id. A batch is written as
/// transactions of at most 100 rows of one partition; rows are upserted, so writing a batch again is harmless.
/// </summary>
public sealed class TablePredictionLog(StorageClients clients) : IPredictionLog
{
    /// <summary>The most operations one entity group transaction may hold.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>A transaction's payload is at most 4 MiB; stay well under it, counting characters as two bytes.</summary>
    private const int MaxTransactionChars = 1_500_000;

    private static readonly string[] VariantProjection = ["Variant"];

    private readonly TableClient table = clients.Table(StorageNames.PredictionsTable);

    public async Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        foreach (var partition in predictions.GroupBy(p => ModelName.Validate(p.Model), StringComparer.Ordinal))
        {
            var duplicate = partition.GroupBy(p => p.PredictionId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                throw new ArgumentException($"Prediction id {duplicate.Key} of {partition.Key} appears more than once in the batch.", nameof(predictions));
            }

            var transaction = new List<TableTransactionAction>(MaxTransactionRows);
            var chars = 0;
            foreach (var prediction in partition)
            {
                var entity = ToEntity(prediction);
                var size = SizeOf(prediction);
                if (transaction.Count == MaxTransactionRows || (transaction.Count > 0 && chars + size > MaxTransactionChars))
                {
                    await table.SubmitTransactionAsync(transaction, cancellationToken);
                    transaction = new List<TableTransactionAction>(MaxTransactionRows);
                    chars = 0;
                }

                transaction.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                chars += size;
            }

            if (transaction.Count > 0)
            {
                await table.SubmitTransactionAsync(transaction, cancellationToken);
            }
        }
    }

    public async Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        TableKeys.Validate(predictionId, "prediction id");
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, predictionId, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    /// <remarks>
    /// A filtered scan of the model's partition, reading one property per row: run once per experiment look, never on
    /// the request path.
    /// </remarks>
    public async Task<IReadOnlyDictionary<string, long>> CountByVariantAsync(string model, string experimentId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and ExperimentId eq {experimentId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: VariantProjection, cancellationToken: cancellationToken))
        {
            var variant = row.GetString("Variant") ?? string.Empty;
            counts[variant] = counts.GetValueOrDefault(variant) + 1;
        }

        return counts;
    }

    private static TableEntity ToEntity(PredictionRecord prediction)
    {
        var entity = new TableEntity(prediction.Model, TableKeys.Validate(prediction.PredictionId, "prediction id"))
        {
            ["Version"] = prediction.Version,
            ["Variant"] = prediction.Variant,
            ["PredictedAt"] = prediction.Timestamp,
            ["Prediction"] = prediction.Prediction,
        };
        TableText.Write(entity, "FeaturesJson", prediction.FeaturesJson);

        // The Table service stores finite doubles only; a score that is not a number is not a score.
        if (prediction.Score is { } score && double.IsFinite(score))
        {
            entity["Score"] = score;
        }

        if (prediction.EntityId is not null)
        {
            entity["EntityId"] = prediction.EntityId;
        }

        if (prediction.ExperimentId is not null)
        {
            entity["ExperimentId"] = prediction.ExperimentId;
        }

        return entity;
    }

    private static PredictionRecord ToRecord(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetInt32("Version") ?? 0,
        row.GetString("Variant") ?? string.Empty,
        row.GetDateTimeOffset("PredictedAt") ?? row.Timestamp ?? DateTimeOffset.MinValue,
        TableText.Read(row, "FeaturesJson") ?? "{}",
        row.GetString("Prediction") ?? string.Empty,
        row.GetDouble("Score"),
        row.GetString("EntityId"))
    {
        ExperimentId = row.GetString("ExperimentId"),
    };

    private static int SizeOf(PredictionRecord prediction) =>
        1_000 + prediction.PredictionId.Length + prediction.Variant.Length + prediction.FeaturesJson.Length
        + prediction.Prediction.Length + (prediction.EntityId?.Length ?? 0);
}
