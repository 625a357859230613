using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Events;

namespace Mlops.Storage.Registry;

/// <summary>Models' event logs, in their ModelRegistry partitions (see <see cref="RegistryEventRows"/>).</summary>
public sealed class TableRegistryEventLog(StorageClients clients, TimeProvider clock, IEnumerable<IRegistryEventSignal> signals) : IRegistryEventLog
{
    private static readonly string[] HeadProjection = ["PartitionKey", "RowKey", RegistryEventRows.LastProperty];

    private readonly TableClient table = clients.Table(StorageNames.ModelRegistryTable);

    public async Task<RegistryEvent> AppendAsync(string model, string type, IReadOnlyDictionary<string, object?> data, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var at = clock.GetUtcNow();
        var sequence = await RegistryEventRows.SubmitWithEventAsync(table, model, changes: [], type, data, at, cancellationToken)
            ?? throw new InvalidOperationException("An append without a change cannot lose a race.");
        RegistryEventRows.Signal(signals, model);
        return RegistryEventRows.Event(model, sequence, type, at, StorageJson.Serialize(data));
    }

    public async Task<IReadOnlyList<RegistryEvent>> ListAsync(string model, long afterSequence, int max, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var from = RegistryEventRows.Row(afterSequence + 1);
        var to = RegistryEventRows.Prefix[..^1] + RegistryRows.AfterSeparator;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {from} and RowKey lt {to}");
        var events = new List<RegistryEvent>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            events.Add(RegistryEventRows.ToEvent(row));
            if (events.Count >= max)
            {
                break;
            }
        }

        return events;
    }

    public async Task<IReadOnlyList<EventLogHead>> ListHeadsAsync(CancellationToken cancellationToken)
    {
        var heads = new List<EventLogHead>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RegistryEventRows.Counter}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: HeadProjection, cancellationToken: cancellationToken))
        {
            heads.Add(new EventLogHead(row.PartitionKey, row.GetInt64(RegistryEventRows.LastProperty) ?? 0));
        }

        return heads;
    }
}
