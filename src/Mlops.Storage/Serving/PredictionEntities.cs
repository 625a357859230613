using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// A shadow challenger's prediction rows as table entities (its traffic is a share of the champion's, best effort, and
/// keyed by the champion's ids, so single-row lookups suit it): partition =
/// "{model}~{bucket}" (one of <see cref="Buckets"/> by a hash of the id, so a busy model spreads over partitions
/// instead of being one hot partition, whose limit is about 2,000 entities/s), row = prediction id. Written in
/// transactions of one partition, read back by id, and tallied per experiment variant over the model's buckets.
/// </summary>
internal static class PredictionEntities
{
    /// <summary>The most operations one entity group transaction may hold.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>Partitions per model: 16 × 2,000 entities/s is beyond what one instance serves.</summary>
    public const int Buckets = 16;

    /// <summary>Transactions in flight at once while writing a batch.</summary>
    private const int MaxParallelTransactions = 4;

    /// <summary>A transaction's payload is at most 4 MiB; stay well under it, counting characters as two bytes.</summary>
    private const int MaxTransactionChars = 1_500_000;

    private static readonly string[] ServingProjection = ["Variant", "LatencyMs", "ChallengerError"];

    /// <summary>The partition a prediction id's row lives in.</summary>
    public static string PartitionOf(string model, string predictionId)
    {
        // FNV-1a: stable across processes and versions, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in predictionId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return $"{model}~{hash % Buckets:x2}";
    }

    public static async Task WriteAsync(TableClient table, IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var transactions = new List<List<TableTransactionAction>>();
        foreach (var partition in predictions.GroupBy(p => PartitionOf(ModelName.Validate(p.Model), p.PredictionId), StringComparer.Ordinal))
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
                var entity = ToEntity(prediction, partition.Key);
                var size = SizeOf(prediction);
                if (transaction.Count == MaxTransactionRows || (transaction.Count > 0 && chars + size > MaxTransactionChars))
                {
                    transactions.Add(transaction);
                    transaction = new List<TableTransactionAction>(MaxTransactionRows);
                    chars = 0;
                }

                transaction.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
                chars += size;
            }

            if (transaction.Count > 0)
            {
                transactions.Add(transaction);
            }
        }

        if (transactions.Count == 1)
        {
            await table.SubmitTransactionAsync(transactions[0], cancellationToken);
            return;
        }

        await Parallel.ForEachAsync(
            transactions,
            new ParallelOptions { MaxDegreeOfParallelism = MaxParallelTransactions, CancellationToken = cancellationToken },
            async (transaction, token) => await table.SubmitTransactionAsync(transaction, token));
    }

    public static async Task<PredictionRecord?> ReadAsync(TableClient table, string model, string predictionId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        TableKeys.Validate(predictionId, "prediction id");
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(model, predictionId), predictionId, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!, model) : null;
    }

    /// <remarks>
    /// A filtered scan of the model's partition, reading three properties per row: run once per experiment look, never
    /// on the request path.
    /// </remarks>
    public static async Task<ExperimentServing> ServingAsync(TableClient table, string model, string experimentId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var serving = ExperimentServing.None;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {model + "~"} and PartitionKey le {model + "~~"} and ExperimentId eq {experimentId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ServingProjection, cancellationToken: cancellationToken))
        {
            serving = serving.With(row.GetString("Variant") ?? string.Empty, row.GetDouble("LatencyMs"), row.GetString("ChallengerError") is not null);
        }

        return serving;
    }

    private static TableEntity ToEntity(PredictionRecord prediction, string partition)
    {
        var entity = new TableEntity(partition, TableKeys.Validate(prediction.PredictionId, "prediction id"))
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

        if (prediction.LatencyMs is { } latency && double.IsFinite(latency))
        {
            entity["LatencyMs"] = latency;
        }

        if (prediction.ChallengerError is not null)
        {
            // A reason, not a payload: an exception message can be long, a property holds 32K characters.
            entity["ChallengerError"] = prediction.ChallengerError.Length > 1_000 ? prediction.ChallengerError[..1_000] : prediction.ChallengerError;
        }

        return entity;
    }

    private static PredictionRecord ToRecord(TableEntity row, string model) => new(
        model,
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
        LatencyMs = row.GetDouble("LatencyMs"),
        ChallengerError = row.GetString("ChallengerError"),
    };

    private static int SizeOf(PredictionRecord prediction) =>
        1_000 + prediction.PredictionId.Length + prediction.Variant.Length + prediction.FeaturesJson.Length
        + prediction.Prediction.Length + (prediction.EntityId?.Length ?? 0) + Math.Min(prediction.ChallengerError?.Length ?? 0, 1_000);
}
