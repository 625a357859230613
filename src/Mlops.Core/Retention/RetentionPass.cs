using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Registry;

namespace Mlops.Core.Retention;

/// <summary>
/// Prunes every model's old versions: keeps what <see cref="RetentionPolicy"/> keeps, deletes the rest's artifacts and
/// rows through <see cref="IVersionRetirement"/>, never an alias, an event, a run or a dataset. Idempotent: a pass
/// interrupted half-way leaves versions marked retiring, which the next pass deletes or restores.
/// </summary>
public sealed class RetentionPass(
    IModelRegistry registry,
    IVersionRetirement retirement,
    IModelArtifactStore artifacts,
    IRetentionPins pins,
    IOptions<RetentionOptions> options,
    ILogger<RetentionPass> logger)
{
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var models = new List<ModelRetention>();
        foreach (var model in await registry.ListModelsAsync(cancellationToken))
        {
            models.Add(await RunAsync(model.Name, cancellationToken));
        }

        return new RetentionReport(models);
    }

    public async Task<ModelRetention> RunAsync(string model, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var keep = options.Value.KeepVersions;
        var versions = (await registry.ListVersionsAsync(model, cancellationToken)).Select(v => v.Version).ToList();
        var decision = await DecideAsync(model, versions, keep, cancellationToken);

        // A retiring version the decision now keeps was left by a pass that stopped, or that found an alias on it.
        var retiring = await retirement.ListRetiringAsync(model, cancellationToken);
        foreach (var version in decision.Kept.Where(retiring.Contains))
        {
            await retirement.CancelAsync(model, version, cancellationToken);
        }

        var marked = new List<int>();
        foreach (var version in decision.Delete)
        {
            if (await retirement.BeginAsync(model, version, cancellationToken))
            {
                marked.Add(version);
            }
        }

        var kept = decision.Kept.ToList();
        var pinned = decision.Pinned.ToDictionary();
        var deleted = new List<int>();
        if (marked.Count > 0)
        {
            // Read the aliases and pins again now that the candidates are marked: an alias that moved to one before its
            // mark shows here, and the registry refuses any move after it, so no alias can end on a deleted version.
            var recheck = await DecideAsync(model, versions, keep, cancellationToken);
            foreach (var version in marked)
            {
                if (recheck.Pinned.TryGetValue(version, out var reason))
                {
                    await retirement.CancelAsync(model, version, cancellationToken);
                    kept.Add(version);
                    pinned[version] = reason;
                    logger.RetirementCancelled(model, version, reason);
                    continue;
                }

                // Artifacts before the row: a pass stopped between the two leaves a retiring row, never an orphaned blob.
                var blobs = await artifacts.DeleteVersionAsync(model, version, cancellationToken);
                if (await retirement.CompleteAsync(model, version, cancellationToken))
                {
                    deleted.Add(version);
                    logger.VersionDeleted(model, version, blobs);
                }
                else
                {
                    kept.Add(version);
                    logger.RetirementTakenBack(model, version);
                }
            }
        }

        kept.Sort();
        logger.ModelPruned(model, kept.Count, deleted.Count, keep);
        return new ModelRetention(model, kept, deleted, pinned);
    }

    private async Task<RetentionDecision> DecideAsync(string model, IReadOnlyList<int> versions, int keep, CancellationToken cancellationToken) =>
        RetentionPolicy.Decide(
            versions,
            await registry.ListAliasesAsync(model, cancellationToken),
            await pins.PinsAsync(model, cancellationToken),
            keep);
}
