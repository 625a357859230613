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
        return row.HasValue
            ? new FeedbackRecord(row.Value!.PartitionKey, row.Value.RowKey, row.Value.GetString("Label") ?? string.Empty, row.Value.GetDateTimeOffset("RecordedAt") ?? DateTimeOffset.MinValue)
            : null;
    }
}
