using System.Globalization;
using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;

namespace Mlops.Workflows.Experiments;

/// <summary>
/// The registry side of an experiment's life, shared by its orchestration and the approve and stop routes: the
/// challenger alias set when it starts, the champion moved (compare-and-swap) when it wins, the challenger alias
/// removed when it ends any way, each with its registry event, so the history says who moved an alias and why.
/// </summary>
public sealed class ExperimentChanges(IModelRegistry registry, IExperimentStore experiments, IRegistryEventLog events, ExperimentRouter router, TimeProvider clock)
{
    private const int HandAttempts = 5;

    /// <summary>Points the challenger alias at the version on trial.</summary>
    public async Task SetChallengerAsync(string model, int version, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var current = await registry.GetAliasAsync(model, Aliases.Challenger, cancellationToken);
            if (current?.Version == version || await registry.TrySetAliasAsync(model, Aliases.Challenger, version, current?.ETag, cancellationToken))
            {
                return;
            }
        }

        throw new MlopsException(MlopsErrorCode.Conflict, $"The challenger alias of '{model}' kept moving; try again.");
    }

    /// <summary>
    /// Ends the experiment by hand (approve, stop): <paramref name="decide"/> reads the stored experiment and answers the
    /// outcome and reason, or throws when the experiment cannot be ended that way. A look written between the read and
    /// the write (the look timer runs every few seconds) does not refuse the person: the experiment is read again and
    /// decided again, so an experiment that ended meanwhile is refused with its real outcome. Returns the ended experiment.
    /// </summary>
    public async Task<Experiment> EndByHandAsync(string model, string id, Func<Experiment, (string Outcome, string Reason)> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 0; attempt < HandAttempts; attempt++)
        {
            var stored = await FindAsync(model, id, cancellationToken);
            var (outcome, reason) = decide(stored.Experiment);
            if (await ConcludeAsync(stored, outcome, reason, null, cancellationToken))
            {
                return (await FindAsync(model, id, cancellationToken)).Experiment;
            }
        }

        throw new MlopsException(MlopsErrorCode.Conflict, $"Experiment {id} kept changing while this request was deciding it; read it again.");
    }

    /// <summary>
    /// Ends the experiment in <paramref name="outcome"/>: for <see cref="ExperimentStatuses.Promoted"/> the champion moves
    /// to the challenger first, only if it is still the version the experiment compared with. False when the stored
    /// experiment changed meanwhile (the caller reads it again).
    /// </summary>
    public async Task<bool> ConcludeAsync(StoredExperiment stored, string outcome, string reason, ExperimentLook? look, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var experiment = stored.Experiment;
        if (outcome == ExperimentStatuses.Promoted)
        {
            // An earlier attempt of this conclusion (a retried activity, or approve racing the orchestration) may have
            // moved the champion and stopped before the experiment's end was saved: the champion on the challenger is
            // that promotion, not another writer's move.
            var champion = await registry.GetAliasAsync(experiment.Model, Aliases.Champion, cancellationToken);
            var promoted = champion?.Version == experiment.ChallengerVersion
                || (champion?.Version == experiment.ChampionVersion
                    && await registry.TrySetAliasAsync(experiment.Model, Aliases.Champion, experiment.ChallengerVersion, champion.ETag, cancellationToken))
                || (await registry.GetAliasAsync(experiment.Model, Aliases.Champion, cancellationToken))?.Version == experiment.ChallengerVersion;
            if (!promoted)
            {
                (outcome, reason) = (ExperimentStatuses.Stopped, string.Create(
                    CultureInfo.InvariantCulture,
                    $"The champion moved away from v{experiment.ChampionVersion} during the experiment, so v{experiment.ChallengerVersion} was not promoted over a model it was not compared with. {reason}"));
            }
        }

        var now = clock.GetUtcNow();
        var ended = experiment with
        {
            Status = outcome,
            Traffic = 0,
            Looks = look is null ? experiment.Looks : [.. experiment.Looks, look],
            Decision = new ExperimentDecision(outcome, now, reason),
        };
        if (!await experiments.TryReplaceAsync(ended, stored.ETag, cancellationToken))
        {
            return false;
        }

        router.Forget(experiment.Model);
        if (await registry.GetAliasAsync(experiment.Model, Aliases.Challenger, cancellationToken) is { } challenger && challenger.Version == experiment.ChallengerVersion)
        {
            await registry.TryRemoveAliasAsync(experiment.Model, Aliases.Challenger, challenger.ETag, cancellationToken);
        }

        await events.AppendAsync(
            experiment.Model,
            RegistryEventTypes.ExperimentDecided,
            new Dictionary<string, object?>
            {
                ["experimentId"] = experiment.Id,
                ["outcome"] = outcome,
                ["champion"] = experiment.ChampionVersion,
                ["challenger"] = experiment.ChallengerVersion,
                ["reason"] = reason,
            },
            cancellationToken);
        return true;
    }

    /// <summary>The stored experiment; a not-found error naming it when the model has no such experiment.</summary>
    public async Task<StoredExperiment> FindAsync(string model, string id, CancellationToken cancellationToken) =>
        await experiments.GetAsync(model, id, cancellationToken)
            ?? throw MlopsException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Model '{model}' has no experiment '{id}'."));
}
