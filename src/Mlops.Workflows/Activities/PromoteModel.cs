using System.Globalization;
using Microsoft.DurableTask;
using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Registry;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Moves the champion alias to the new version when evaluation said so, by compare-and-swap: if another run moved
/// the champion meanwhile, this version stays registered but is not promoted over a model it was never compared with.
/// </summary>
public sealed class PromoteModel(IModelRegistry registry, IRegistryEventLog events) : TaskActivity<PromoteModelInput, PromotionOutcome>
{
    public override async Task<PromotionOutcome> RunAsync(TaskActivityContext context, PromoteModelInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var current = await registry.GetAliasAsync(input.Model, Aliases.Champion, CancellationToken.None);
        if (current?.Version == input.Version)
        {
            return new PromotionOutcome(true, input.Reason);
        }

        if (!input.ShouldPromote)
        {
            await AnnounceFailedGatesAsync(input);
            return new PromotionOutcome(false, input.Reason);
        }

        bool championChanged;
        try
        {
            championChanged = current?.Version != input.ExpectedChampion
                || !await registry.TrySetAliasAsync(input.Model, Aliases.Champion, input.Version, current?.ETag, CancellationToken.None);
        }
        catch (MlopsException e) when (e.Code is MlopsErrorCode.ResourceDoesNotExist or MlopsErrorCode.Conflict)
        {
            // Retention retired the version between registration and now (a very small KeepVersions with runs overlapping).
            return new PromotionOutcome(false, $"Version {input.Version.ToString(CultureInfo.InvariantCulture)} was registered but retired before it could be promoted: {e.Message}");
        }

        if (championChanged && await ChampionIsAsync(input))
        {
            // Durable delivers an activity at least once: a twin execution of this very step may have made the move
            // between this one's read and its swap. The champion is this version either way, so it was promoted.
            championChanged = false;
        }

        return championChanged
            ? new PromotionOutcome(false, string.Create(
                CultureInfo.InvariantCulture,
                $"The champion changed while this run was evaluating; version {input.Version} was registered but not promoted."))
            : new PromotionOutcome(true, input.Reason);
    }

    private async Task<bool> ChampionIsAsync(PromoteModelInput input) =>
        (await registry.GetAliasAsync(input.Model, Aliases.Champion, CancellationToken.None))?.Version == input.Version;

    private async Task AnnounceFailedGatesAsync(PromoteModelInput input)
    {
        var failed = input.Gates.Where(g => !g.Passed).ToList();
        if (failed.Count == 0)
        {
            return;
        }

        // At least once: a retry after the append may announce it twice; receivers drop duplicates by version and run.
        await events.AppendAsync(
            input.Model,
            RegistryEventTypes.GateFailed,
            new Dictionary<string, object?>
            {
                ["version"] = input.Version,
                ["runId"] = input.RunId,
                ["champion"] = input.ExpectedChampion,
                ["reason"] = input.Reason,
                ["gates"] = failed,
            },
            CancellationToken.None);
    }
}
