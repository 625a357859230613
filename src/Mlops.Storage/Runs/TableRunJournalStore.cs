using Azure;
using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Runs;

namespace Mlops.Storage.Runs;

/// <summary>Run journals in the RunHistory table: partition = model, row = run id.</summary>
public sealed class TableRunJournalStore(StorageClients clients) : IRunJournalStore
{
    private const int ConcurrencyAttempts = 10;
    private readonly TableClient table = clients.Table(StorageNames.RunHistoryTable);

    public async Task<RunJournal> GetAsync(string model, string runId, CancellationToken cancellationToken)
    {
        var row = await ReadAsync(model, runId, cancellationToken);
        return row is null ? RunJournal.Empty(model, runId) : ToJournal(row);
    }

    public async Task BeatAsync(string model, string runId, string activity, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // Merged, not replaced: a beat never erases a restart written beside it.
        var row = new TableEntity(ModelName.Validate(model), TableKeys.Validate(runId, "run id"))
        {
            ["LastHeartbeat"] = at,
            ["HeartbeatActivity"] = activity,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<RunJournal> AddRestartAsync(string model, string runId, Func<RunJournal, RunRestart> restart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(restart);
        for (var attempt = 1; ; attempt++)
        {
            var row = await ReadAsync(model, runId, cancellationToken);
            var journal = row is null ? RunJournal.Empty(model, runId) : ToJournal(row);
            var updated = journal with { Restarts = [.. journal.Restarts, restart(journal)], StoppedReason = null };
            var entity = row ?? new TableEntity(ModelName.Validate(model), TableKeys.Validate(runId, "run id"));
            entity["Restarts"] = StorageJson.Serialize(updated.Restarts);
            entity["StoppedReason"] = null;
            try
            {
                if (row is null)
                {
                    await table.AddEntityAsync(entity, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return updated;
            }
            catch (RequestFailedException e) when (e.Status is StorageErrors.Conflict or StorageErrors.PreconditionFailed && attempt < ConcurrencyAttempts)
            {
                // Another writer (a beat, a second restart) got there first: read again and reapply.
            }
        }
    }

    public async Task StopAsync(string model, string runId, string reason, CancellationToken cancellationToken)
    {
        var row = new TableEntity(ModelName.Validate(model), TableKeys.Validate(runId, "run id")) { ["StoppedReason"] = reason };
        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    private async Task<TableEntity?> ReadAsync(string model, string runId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(ModelName.Validate(model), TableKeys.Validate(runId, "run id"), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private static RunJournal ToJournal(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        row.GetDateTimeOffset("LastHeartbeat"),
        row.GetString("HeartbeatActivity"),
        row.GetString("Restarts") is { Length: > 0 } restarts ? StorageJson.Deserialize<List<RunRestart>>(restarts, "run restarts") : [],
        row.GetString("StoppedReason"));
}
