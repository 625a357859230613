using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Experiments;
using Mlops.Core.Registry;

namespace Mlops.Workflows.Experiments;

/// <summary>
/// Starts an experiment: checks it can run (a champion to compare with, a registered challenger that is not the
/// champion, traffic in (0, 1), or (0, 1] for a shadow, no other open experiment), stores it, points the challenger alias at the version,
/// announces it and schedules its orchestration, whose instance id is the experiment's id.
/// </summary>
public sealed class ExperimentStarter(IModelRegistry registry, IExperimentStore experiments, ExperimentChanges changes, IRegistryEventLog events, ExperimentRouter router, TimeProvider clock)
{
    public async Task<Experiment> StartAsync(DurableTaskClient client, ExperimentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model;
        if (request.Strategy is not (PromotionStrategies.Ab or PromotionStrategies.Shadow))
        {
            throw MlopsException.Invalid($"Field 'strategy' is '{request.Strategy}', but an experiment's strategy is \"ab\" or \"shadow\".");
        }

        // A shadow copy may cover every request; an A/B split must leave the champion a share to compare with.
        var shadow = request.Strategy == PromotionStrategies.Shadow;
        if (request.Traffic <= 0 || request.Traffic > 1 || (request.Traffic == 1 && !shadow) || double.IsNaN(request.Traffic))
        {
            var traffic = request.Traffic.ToString(CultureInfo.InvariantCulture);
            throw MlopsException.Invalid(shadow
                ? $"Field 'traffic' is {traffic}, but a shadow experiment's share of requests must be above 0 and at most 1."
                : $"Field 'traffic' is {traffic}, but it must be between 0 and 1, both excluded.");
        }

        var version = await registry.GetVersionAsync(model, request.Challenger, cancellationToken)
            ?? throw MlopsException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Model '{model}' has no version {request.Challenger}."));
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken)
            ?? throw new MlopsException(MlopsErrorCode.Conflict, $"Model '{model}' has no champion, so there is nothing to compare a challenger with; promote a version first.");
        if (version.Version == champion.Version)
        {
            throw MlopsException.Invalid(string.Create(CultureInfo.InvariantCulture, $"Version {version.Version} is the champion already; an experiment needs another version."));
        }

        var now = clock.GetUtcNow();
        var id = "exp" + Guid.CreateVersion7(now).ToString("N")[..20];
        var experiment = new Experiment(
            id,
            model,
            request.Strategy,
            ExperimentStatuses.Running,
            request.Traffic,
            ExperimentMetrics.For(version.Schema.Task),
            champion.Version,
            version.Version,
            Guid.NewGuid().ToString("N"),
            now,
            request.Settings)
        {
            StartedBy = request.StartedBy,
        };
        await experiments.CreateAsync(experiment, cancellationToken);
        await changes.SetChallengerAsync(model, version.Version, cancellationToken);
        await events.AppendAsync(
            model,
            RegistryEventTypes.ExperimentStarted,
            new Dictionary<string, object?>
            {
                ["experimentId"] = id,
                ["strategy"] = experiment.Strategy,
                ["champion"] = champion.Version,
                ["challenger"] = version.Version,
                ["traffic"] = experiment.Traffic,
                ["startedBy"] = experiment.StartedBy,
            },
            cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(ExperimentMonitor), new ExperimentRef(model, id), new StartOrchestrationOptions(id), cancellationToken);
        router.Forget(model);
        return experiment;
    }
}
