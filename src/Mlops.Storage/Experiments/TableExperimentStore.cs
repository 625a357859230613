using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Experiments;

namespace Mlops.Storage.Experiments;

/// <summary>
/// Experiments in the Experiments table, one partition per model: a row per experiment (its JSON) and an "open" row
/// naming the open one. Creating adds both in one transaction, so two starts cannot both succeed; closing an experiment
/// deletes the "open" row in the same transaction as its final state.
/// </summary>
public sealed class TableExperimentStore(StorageClients clients) : IExperimentStore
{
    private const string OpenRow = "open";
    private const string Prefix = "exp|";
    private const string StateProperty = "State";

    private readonly TableClient table = clients.Table(StorageNames.ExperimentsTable);

    public async Task<StoredExperiment> CreateAsync(Experiment experiment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ModelName.Validate(experiment.Model);
        var open = new TableEntity(experiment.Model, OpenRow) { ["ExperimentId"] = experiment.Id };
        try
        {
            var responses = await table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, open), new TableTransactionAction(TableTransactionActionType.Add, ToEntity(experiment))],
                cancellationToken);
            return new StoredExperiment(experiment, responses.Value[1].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table answered without an ETag."));
        }
        catch (TableTransactionFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            var current = await GetOpenAsync(experiment.Model, cancellationToken);
            throw new MlopsException(
                MlopsErrorCode.Conflict,
                $"Model '{experiment.Model}' already has an open experiment{(current is null ? string.Empty : $" ({current.Id}, {current.Status})")}; stop it before starting another.");
        }
    }

    public async Task<StoredExperiment?> GetAsync(string model, string id, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        TableKeys.Validate(id, "experiment id");
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, Prefix + id, cancellationToken: cancellationToken);
        return row.HasValue ? new StoredExperiment(FromEntity(row.Value!), row.Value!.ETag.ToString()) : null;
    }

    public async Task<Experiment?> GetOpenAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var open = await table.GetEntityIfExistsAsync<TableEntity>(model, OpenRow, cancellationToken: cancellationToken);
        return open.HasValue && open.Value!.GetString("ExperimentId") is { } id
            ? (await GetAsync(model, id, cancellationToken))?.Experiment
            : null;
    }

    public async Task<IReadOnlyList<Experiment>> ListAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {Prefix} and RowKey lt {"exp}"}");
        var experiments = new List<Experiment>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            experiments.Add(FromEntity(row));
        }

        return [.. experiments.OrderByDescending(e => e.StartedAt)];
    }

    public async Task<bool> TryReplaceAsync(Experiment experiment, string etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(experiment), new ETag(etag)) };
        if (!ExperimentStatuses.IsOpen(experiment.Status))
        {
            var open = await table.GetEntityIfExistsAsync<TableEntity>(experiment.Model, OpenRow, cancellationToken: cancellationToken);
            if (open.HasValue && open.Value!.GetString("ExperimentId") == experiment.Id)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, open.Value, open.Value.ETag));
            }
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Experiment experiment)
    {
        var entity = new TableEntity(experiment.Model, Prefix + TableKeys.Validate(experiment.Id, "experiment id"))
        {
            ["Status"] = experiment.Status,
            ["StartedAt"] = experiment.StartedAt,
        };
        TableText.Write(entity, StateProperty, JsonSerializer.Serialize(experiment, MlopsJson.Options));
        return entity;
    }

    private static Experiment FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<Experiment>(TableText.Read(entity, StateProperty) ?? "null", MlopsJson.Options)
        ?? throw new InvalidDataException($"Experiment row {entity.RowKey} of {entity.PartitionKey} has no state.");
}
