using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Registry;

namespace Mlops.Storage.Registry;

/// <summary>
/// The model registry in the ModelRegistry table. Every row of a model is in the partition named after it, so a
/// version reservation (counter + run row) is one transaction, and aliases move by compare-and-swap on their ETag.
/// </summary>
public sealed class TableModelRegistry(
    StorageClients clients,
    TimeProvider clock,
    IEnumerable<IRegistryEventSignal> signals,
    ILogger<TableModelRegistry> logger) : IModelRegistry
{
    private const int MaxReservationAttempts = 50;
    private const int MaxAliasAttempts = 50;

    private static readonly string[] ListProjection = ["PartitionKey", "RowKey", RegistryRows.VersionProperty];

    private readonly TableClient table = clients.Table(StorageNames.ModelRegistryTable);

    public async Task<int> ReserveVersionAsync(string model, string runId, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        TableKeys.Validate(runId, "run id");
        for (var attempt = 1; ; attempt++)
        {
            var reserved = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Run(runId), cancellationToken: cancellationToken);
            if (reserved.HasValue)
            {
                return ReservedVersion(reserved.Value!);
            }

            var counter = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Counter, cancellationToken: cancellationToken);
            var next = (counter.HasValue ? counter.Value!.GetInt32(RegistryRows.LastVersionProperty) ?? 0 : 0) + 1;
            var counterRow = new TableEntity(model, RegistryRows.Counter) { [RegistryRows.LastVersionProperty] = next };
            TableTransactionAction[] reservation =
            [
                counter.HasValue
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, counterRow, counter.Value!.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, counterRow),
                new TableTransactionAction(
                    TableTransactionActionType.Add,
                    new TableEntity(model, RegistryRows.Run(runId)) { [RegistryRows.VersionProperty] = next, [RegistryRows.RunIdProperty] = runId }),
            ];
            try
            {
                await table.SubmitTransactionAsync(reservation, cancellationToken);
                logger.VersionReserved(model, next, runId);
                return next;
            }
            catch (RequestFailedException e) when (e.Status is StorageErrors.Conflict or StorageErrors.PreconditionFailed && attempt < MaxReservationAttempts)
            {
                // Another run took this number, or this run's reservation was written meanwhile: look again.
                logger.ReservationRaced(model, runId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + (10 * Math.Min(attempt, 10)))), cancellationToken);
            }
        }
    }

    public async Task CommitVersionAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        ModelName.Validate(version.Model);
        TableKeys.Validate(version.RunId, "run id");
        var reserved = await table.GetEntityIfExistsAsync<TableEntity>(version.Model, RegistryRows.Run(version.RunId), cancellationToken: cancellationToken);
        if (!reserved.HasValue || ReservedVersion(reserved.Value!) != version.Version)
        {
            throw new InvalidOperationException(
                $"Version {version.Version} of {version.Model} was not reserved by run {version.RunId}; reserve it with {nameof(ReserveVersionAsync)} first.");
        }

        var registered = new Dictionary<string, object?>
        {
            ["version"] = version.Version,
            ["runId"] = version.RunId,
            ["trainer"] = version.Trainer,
            ["metrics"] = version.Metrics,
        };
        var commit = new TableTransactionAction(TableTransactionActionType.Add, RegistryRows.ToEntity(version));
        if (await RegistryEventRows.SubmitWithEventAsync(table, version.Model, [commit], RegistryEventTypes.VersionRegistered, registered, clock.GetUtcNow(), cancellationToken) is not null)
        {
            logger.VersionCommitted(version.Model, version.Version, version.RunId);
            RegistryEventRows.Signal(signals, version.Model);
        }
        else
        {
            // The version row exists: this commit retried (its event went with the first), or another run's owns it.
            var existing = await table.GetEntityAsync<TableEntity>(version.Model, RegistryRows.Version(version.Version), cancellationToken: cancellationToken);
            var owner = existing.Value.GetString(RegistryRows.RunIdProperty);
            if (!string.Equals(owner, version.RunId, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Version {version.Version} of {version.Model} is already committed by run {owner}; run {version.RunId} cannot overwrite it.");
            }
        }
    }

    public async Task<ModelVersion?> GetVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        if (version < 1)
        {
            return null;
        }

        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Version(version), cancellationToken: cancellationToken);
        return row.HasValue ? RegistryRows.ToVersion(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var versions = new List<ModelVersion>();
        await foreach (var row in table.QueryAsync<TableEntity>(RowsOf(model, RegistryRows.VersionPrefix), cancellationToken: cancellationToken))
        {
            versions.Add(RegistryRows.ToVersion(row));
        }

        return versions;
    }

    public async Task<IReadOnlyList<RegisteredModel>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(AllRows(RegistryRows.VersionPrefix), select: ListProjection, cancellationToken: cancellationToken))
        {
            var version = row.GetInt32(RegistryRows.VersionProperty) ?? 0;
            latest[row.PartitionKey] = Math.Max(version, latest.GetValueOrDefault(row.PartitionKey));
        }

        var aliases = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(AllRows(RegistryRows.AliasPrefix), select: ListProjection, cancellationToken: cancellationToken))
        {
            if (!aliases.TryGetValue(row.PartitionKey, out var map))
            {
                aliases[row.PartitionKey] = map = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            map[row.RowKey[RegistryRows.AliasPrefix.Length..]] = row.GetInt32(RegistryRows.VersionProperty) ?? 0;
        }

        return latest.Keys.Union(aliases.Keys)
            .Order(StringComparer.Ordinal)
            .Select(name => new RegisteredModel(
                name,
                aliases.TryGetValue(name, out var map) ? map : new Dictionary<string, int>(),
                latest.TryGetValue(name, out var version) ? version : null))
            .ToList();
    }

    /// <summary>The alias as stored; for the reserved <see cref="Aliases.Latest"/>, the newest committed version with an empty ETag.</summary>
    public async Task<AliasState?> GetAliasAsync(string model, string aliasName, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        if (string.Equals(aliasName, Aliases.Latest, StringComparison.Ordinal))
        {
            var versions = await ListVersionsAsync(model, cancellationToken);
            return versions.Count == 0 ? null : new AliasState(Aliases.Latest, versions[^1].Version, string.Empty);
        }

        ValidateAlias(aliasName);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Alias(aliasName), cancellationToken: cancellationToken);
        return row.HasValue ? ToAlias(row.Value!) : null;
    }

    public async Task<IReadOnlyList<AliasState>> ListAliasesAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var aliases = new List<AliasState>();
        await foreach (var row in table.QueryAsync<TableEntity>(RowsOf(model, RegistryRows.AliasPrefix), cancellationToken: cancellationToken))
        {
            aliases.Add(ToAlias(row));
        }

        return aliases;
    }

    /// <remarks>
    /// A version that does not exist is refused (404), and so is one that retention is deleting (409): the move also
    /// rewrites the version row under the ETag it was read with, in the same transaction, so it fails if retention marks the
    /// version retiring in between. Retention reads the aliases again after marking, so whichever commits first, no alias
    /// ends on a deleted version.
    /// </remarks>
    public async Task<bool> TrySetAliasAsync(string model, string aliasName, int version, string? expectedETag, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        if (string.Equals(aliasName, Aliases.Latest, StringComparison.Ordinal))
        {
            throw MlopsException.Invalid($"The alias '{Aliases.Latest}' is reserved: it always means the newest version and cannot be set.");
        }

        ValidateAlias(aliasName);
        var writer = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            var target = version < 1 ? null : await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Version(version), cancellationToken: cancellationToken);
            if (target is null || !target.HasValue)
            {
                throw MlopsException.NotFound($"Model '{model}' has no version {version}.");
            }

            if (RegistryRows.IsRetiring(target.Value!))
            {
                throw new MlopsException(
                    MlopsErrorCode.Conflict,
                    $"Version {version} of model '{model}' is being deleted by retention (it is neither among the newest versions kept nor held by an alias); choose another version.");
            }

            // Read for the event's "from"; the move below is conditional on the same ETag, so it cannot be stale.
            var current = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Alias(aliasName), cancellationToken: cancellationToken);
            if (!StillExpected(current, expectedETag))
            {
                // An earlier attempt of this call committed though its answer was lost (the client sent the timed-out
                // transaction again and the service refused the copy): the row is this call's own write, event and all.
                if (attempt > 1 && current.HasValue && string.Equals(current.Value!.GetString(RegistryRows.WriterProperty), writer, StringComparison.Ordinal))
                {
                    logger.AliasMoved(model, aliasName, version);
                    RegistryEventRows.Signal(signals, model);
                    return true;
                }

                // Created, moved or deleted by another writer since the caller read it.
                logger.AliasRaceLost(model, aliasName, version);
                return false;
            }

            var row = new TableEntity(model, RegistryRows.Alias(aliasName)) { [RegistryRows.VersionProperty] = version, [RegistryRows.WriterProperty] = writer };
            var move = expectedETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, new ETag(expectedETag));
            var versionUnchanged = new TableTransactionAction(
                TableTransactionActionType.UpdateMerge,
                new TableEntity(model, RegistryRows.Version(version)),
                target.Value!.ETag);
            var moved = new Dictionary<string, object?>
            {
                ["alias"] = aliasName,
                ["from"] = current.HasValue ? current.Value!.GetInt32(RegistryRows.VersionProperty) : null,
                ["to"] = version,
            };
            if (await RegistryEventRows.SubmitWithEventAsync(table, model, [move, versionUnchanged], RegistryEventTypes.AliasMoved, moved, clock.GetUtcNow(), cancellationToken) is not null)
            {
                logger.AliasMoved(model, aliasName, version);
                RegistryEventRows.Signal(signals, model);
                return true;
            }

            // The alias or the version row changed. Another move to the same version only touched the row: try again,
            // and the next read tells a retiring or deleted version, or an alias moved by someone else, apart.
            if (attempt >= MaxAliasAttempts)
            {
                logger.AliasRaceLost(model, aliasName, version);
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 + (5 * Math.Min(attempt, 10)))), cancellationToken);
        }
    }

    public async Task<bool> TryRemoveAliasAsync(string model, string aliasName, string expectedETag, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        ValidateAlias(aliasName);
        var current = await table.GetEntityIfExistsAsync<TableEntity>(model, RegistryRows.Alias(aliasName), cancellationToken: cancellationToken);
        if (!StillExpected(current, expectedETag))
        {
            return false;
        }

        var delete = new TableTransactionAction(TableTransactionActionType.Delete, current.Value!, new ETag(expectedETag));
        var removed = new Dictionary<string, object?>
        {
            ["alias"] = aliasName,
            ["from"] = current.Value!.GetInt32(RegistryRows.VersionProperty),
            ["to"] = null,
        };
        if (await RegistryEventRows.SubmitWithEventAsync(table, model, [delete], RegistryEventTypes.AliasMoved, removed, clock.GetUtcNow(), cancellationToken) is null)
        {
            return false;
        }

        RegistryEventRows.Signal(signals, model);
        return true;
    }

    private static bool StillExpected(NullableResponse<TableEntity> current, string? expectedETag) =>
        expectedETag is null ? !current.HasValue : current.HasValue && current.Value!.ETag.ToString() == expectedETag;

    private static void ValidateAlias(string? aliasName)
    {
        if (!ModelName.IsValid(aliasName))
        {
            throw MlopsException.Invalid(
                $"Alias '{aliasName}' is invalid: an alias is 1-63 characters of lower-case letters, digits and hyphens, starting with a letter.");
        }
    }

    private static int ReservedVersion(TableEntity row) =>
        row.GetInt32(RegistryRows.VersionProperty) ?? throw new InvalidOperationException($"Registry row {row.PartitionKey}/{row.RowKey} lacks {RegistryRows.VersionProperty}.");

    private static AliasState ToAlias(TableEntity row) =>
        new(row.RowKey[RegistryRows.AliasPrefix.Length..], ReservedVersion(row), row.ETag.ToString());

    private static string RowsOf(string model, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {model} and RowKey ge {prefix} and RowKey lt {RegistryRows.End(prefix)}");

    private static string AllRows(string prefix) =>
        TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {RegistryRows.End(prefix)}");
}
