using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Feedback;

namespace Mlops.Storage.Feedback;

/// <summary>True labels in the Feedback table: partition = model, row = prediction id; a later label replaces an earlier one.</summary>
public sealed class TableFeedbackStore(StorageClients clients) : IFeedbackStore
{
    private readonly TableClient table = clients.Table(StorageNames.FeedbackTable);

    public async Task RecordAsync(FeedbackRecord feedback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var row = new TableEntity(ModelName.Validate(feedback.Model), TableKeys.Validate(feedback.PredictionId, "prediction id"))
        {
            ["Label"] = feedback.Label,
            ["RecordedAt"] = feedback.Timestamp,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<FeedbackRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        TableKeys.Validate(predictionId, "prediction id");
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, predictionId, cancellationToken: cancellationToken);
        return row.HasValue ? ToRecord(row.Value!) : null;
    }

    public async Task<IReadOnlyList<FeedbackRecord>> FindAsync(string model, IReadOnlyCollection<string> predictionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictionIds);
        ModelName.Validate(model);
        if (predictionIds.Count == 0)
        {
            return [];
        }

        var wanted = predictionIds.Select(id => TableKeys.Validate(id, "prediction id")).ToHashSet(StringComparer.Ordinal);
        var (first, last) = (wanted.Min(StringComparer.Ordinal)!, wanted.Max(StringComparer.Ordinal)!);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {first} and RowKey le {last}");
        var found = new List<FeedbackRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (wanted.Contains(row.RowKey))
            {
                found.Add(ToRecord(row));
            }
        }

        return found;
    }

    private static FeedbackRecord ToRecord(TableEntity row) =>
        new(row.PartitionKey, row.RowKey, row.GetString("Label") ?? string.Empty, row.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue);
}
