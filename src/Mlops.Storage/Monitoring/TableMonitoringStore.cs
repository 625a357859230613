using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Monitoring;

namespace Mlops.Storage.Monitoring;

/// <summary>
/// Monitoring in the Monitoring table, one partition per model: a "state" row (what the next window starts from) and a
/// row per window keyed by its inverted end time, so a listing reads newest first. A window and the state after it are
/// written in one transaction, conditional on the state read, so two passes cannot both close the same window; the
/// window row is then replaced only by the pass that carries out its actions.
/// </summary>
public sealed class TableMonitoringStore(StorageClients clients) : IMonitoringStore
{
    private const string StateRow = "state";
    private const string WindowPrefix = "window|";
    private const string JsonProperty = "Json";

    private readonly TableClient table = clients.Table(StorageNames.MonitoringTable);

    public async Task<(MonitoringState State, string ETag)?> GetStateAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, StateRow, cancellationToken: cancellationToken);
        return row.HasValue ? (Read<MonitoringState>(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<bool> TryCommitAsync(MonitoringWindow window, MonitoringState state, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(state);
        ModelName.Validate(window.Model);
        var windowRow = Write(new TableEntity(window.Model, WindowRow(window.To)), window);
        var stateRow = Write(new TableEntity(window.Model, StateRow), state);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, windowRow),
            etag is null ? new(TableTransactionActionType.Add, stateRow) : new(TableTransactionActionType.UpdateReplace, stateRow, new ETag(etag)),
        ];
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    public async Task ReplaceWindowAsync(MonitoringWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ModelName.Validate(window.Model);
        await table.UpdateEntityAsync(Write(new TableEntity(window.Model, WindowRow(window.To)), window), ETag.All, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> TryReplaceStateAsync(MonitoringState state, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrEmpty(etag);
        ModelName.Validate(state.Model);
        try
        {
            await table.UpdateEntityAsync(Write(new TableEntity(state.Model, StateRow), state), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    public async Task<MonitoringWindow?> GetWindowAsync(string model, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, WindowRow(windowEnd), cancellationToken: cancellationToken);
        return row.HasValue ? Read<MonitoringWindow>(row.Value!) : null;
    }

    public async Task<IReadOnlyList<MonitoringWindow>> ListAsync(string model, int top, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {WindowPrefix} and RowKey lt {"window}"}");
        var windows = new List<MonitoringWindow>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(top, 1000), cancellationToken: cancellationToken))
        {
            windows.Add(Read<MonitoringWindow>(row));
            if (windows.Count >= top)
            {
                break;
            }
        }

        return windows;
    }

    /// <summary>Inverted end time, so a listing reads newest first.</summary>
    private static string WindowRow(DateTimeOffset end) =>
        WindowPrefix + (DateTimeOffset.MaxValue.UtcTicks - end.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    private static TableEntity Write<T>(TableEntity entity, T value)
    {
        TableText.Write(entity, JsonProperty, JsonSerializer.Serialize(value, MlopsJson.Options));
        return entity;
    }

    private static T Read<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(TableText.Read(entity, JsonProperty) ?? "null", MlopsJson.Options)
        ?? throw new InvalidDataException($"Monitoring row {entity.RowKey} of {entity.PartitionKey} is empty.");
}
