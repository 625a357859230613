using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Core.Events;
using Mlops.Core.Retention;

namespace Mlops.Storage.Registry;

/// <summary>
/// Retiring versions in the ModelRegistry table: a mark on the version row, written under the row's ETag, and the row's
/// deletion with its version.deleted event in one transaction. <see cref="TableModelRegistry.TrySetAliasAsync"/> moves an
/// alias only together with an ETag-conditional write of the target's row, which is what makes the mark a barrier.
/// </summary>
public sealed class TableVersionRetirement(StorageClients clients, IEnumerable<IRegistryEventSignal> signals, TimeProvider clock, ILogger<TableVersionRetirement> logger) : IVersionRetirement
{
    private const int MaxAttempts = 50;

    private static readonly string[] RetiringProjection = ["PartitionKey", "RowKey", RegistryRows.VersionProperty, RegistryRows.RetiringProperty];

    private readonly TableClient table = clients.Table(StorageNames.ModelRegistryTable);

    public async Task<IReadOnlySet<int>> ListRetiringAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {model} and RowKey ge {RegistryRows.VersionPrefix} and RowKey lt {RegistryRows.End(RegistryRows.VersionPrefix)} and Retiring eq true");
        var retiring = new HashSet<int>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: RetiringProjection, cancellationToken: cancellationToken))
        {
            retiring.Add(row.GetInt32(RegistryRows.VersionProperty) ?? 0);
        }

        return retiring;
    }

    public Task<bool> BeginAsync(string model, int version, CancellationToken cancellationToken) =>
        MarkAsync(model, version, retiring: true, cancellationToken);

    public Task CancelAsync(string model, int version, CancellationToken cancellationToken) =>
        MarkAsync(model, version, retiring: false, cancellationToken);

    public async Task<bool> CompleteAsync(string model, int version, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Version(version), cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return true;
            }

            if (!RegistryRows.IsRetiring(row.Value!))
            {
                return false;
            }

            var delete = new TableTransactionAction(TableTransactionActionType.Delete, row.Value, row.Value!.ETag);
            var deleted = new Dictionary<string, object?>
            {
                ["version"] = version,
                ["runId"] = row.Value.GetString(RegistryRows.RunIdProperty),
                ["reason"] = "retention",
            };
            if (await RegistryEventRows.SubmitWithEventAsync(table, model, [delete], RegistryEventTypes.VersionDeleted, deleted, clock.GetUtcNow(), cancellationToken) is not null)
            {
                RegistryEventRows.Signal(signals, model);
                return true;
            }

            // The row changed or went since it was read (another pass): read it again.
            await BackOffAsync(model, version, attempt, cancellationToken);
        }
    }

    private async Task<bool> MarkAsync(string model, int version, bool retiring, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        for (var attempt = 1; ; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Version(version), cancellationToken: cancellationToken);
            if (!row.HasValue)
            {
                return false;
            }

            if (RegistryRows.IsRetiring(row.Value!) == retiring)
            {
                return true;
            }

            var mark = new TableEntity(model, RegistryRows.Version(version))
            {
                [RegistryRows.RetiringProperty] = retiring,
                [RegistryRows.RetiringSinceProperty] = retiring ? clock.GetUtcNow() : null,
            };
            try
            {
                await table.UpdateEntityAsync(mark, row.Value!.ETag, TableUpdateMode.Merge, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is StorageErrors.PreconditionFailed or StorageErrors.NotFound)
            {
                // An alias move to this version rewrote the row meanwhile (or another pass deleted it): read it again, so
                // that the aliases retention reads after the mark include that move.
                await BackOffAsync(model, version, attempt, cancellationToken);
            }
        }
    }

    private async Task BackOffAsync(string model, int version, int attempt, CancellationToken cancellationToken)
    {
        if (attempt >= MaxAttempts)
        {
            throw new InvalidOperationException($"Version {version} of {model} kept changing while retention tried to retire it ({attempt} attempts).");
        }

        logger.RetirementRaced(model, version, attempt);
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 + (5 * Math.Min(attempt, 10)))), cancellationToken);
    }
}
