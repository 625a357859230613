using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;
using Mlops.Core.Serving;

namespace Mlops.Storage.Serving;

/// <summary>
/// Prediction rows as table entities (partition = model, row = prediction id), shared by the prediction log and the
/// shadow prediction log: written in transactions of one partition, read back, and tallied per experiment variant.
/// </summary>
internal static class PredictionEntities
{
    /// <summary>The most operations one entity group transaction may hold.</summary>
    public const int MaxTransactionRows = 100;

    /// <summary>A transaction's payload is at most 4 MiB; stay well under it, counting characters as two bytes.</summary>
    private const int MaxTransactionChars = 1_500_000;

    private static readonly string[] ServingProjection = ["Variant", "LatencyMs", "ChallengerError"];

    public static async Task WriteAsync(TableClient table, IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken)
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

    public static async Task<PredictionRecord?> ReadAsync(TableClient table, string model, string predictionId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        TableKeys.Validate(predictionId, "prediction id");
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, predictionId, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    /// <remarks>
    /// A filtered scan of the model's partition, reading three properties per row: run once per experiment look, never
    /// on the request path. A row the champion answered for a failed challenger counts as the champion's answer and
    /// as the challenger's failure.
    /// </remarks>
    public static async Task<ExperimentServing> ServingAsync(TableClient table, string model, string experimentId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var (champion, challenger) = (default(VariantServing), default(VariantServing));
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and ExperimentId eq {experimentId}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ServingProjection, cancellationToken: cancellationToken))
        {
            var latency = row.GetDouble("LatencyMs");
            var answeredByChallenger = row.GetString("Variant") == Aliases.Challenger;
            if (row.GetString("ChallengerError") is not null)
            {
                challenger = challenger.Failed();
                if (!answeredByChallenger)
                {
                    champion = champion.Answered(latency);
                }
            }
            else if (answeredByChallenger)
            {
                challenger = challenger.Answered(latency);
            }
            else
            {
                champion = champion.Answered(latency);
            }
        }

        return new ExperimentServing(champion, challenger);
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
        LatencyMs = row.GetDouble("LatencyMs"),
        ChallengerError = row.GetString("ChallengerError"),
    };

    private static int SizeOf(PredictionRecord prediction) =>
        1_000 + prediction.PredictionId.Length + prediction.Variant.Length + prediction.FeaturesJson.Length
        + prediction.Prediction.Length + (prediction.EntityId?.Length ?? 0) + Math.Min(prediction.ChallengerError?.Length ?? 0, 1_000);
}
