using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Errors;
using Mlops.Core.Experiments;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Experiments;

/// <summary>
/// The promote stage under the ab or shadow strategy: the version becomes the challenger of a new experiment instead
/// of the champion. A retry finds the experiment this run already started and finishes starting it; another open
/// experiment leaves the version registered and untried, which the run says.
/// </summary>
public sealed class BeginExperiment(ExperimentStarter starter, IExperimentStore experiments, ExperimentChanges changes, IServiceProvider services)
    : TaskActivity<BeginExperimentInput, PromotionOutcome>
{
    /// <summary>Under a Durable worker whose host registers a client (the DevHost).</summary>
    public override Task<PromotionOutcome> RunAsync(TaskActivityContext context, BeginExperimentInput input) =>
        StartAsync(services.GetRequiredService<DurableTaskClient>(), input);

    /// <summary>With the client a Functions activity trigger is handed.</summary>
    public async Task<PromotionOutcome> StartAsync(DurableTaskClient client, BeginExperimentInput input)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        var startedBy = $"run {input.RunId}";
        if (await experiments.GetOpenAsync(input.Model, CancellationToken.None) is { } open)
        {
            if (open.StartedBy == startedBy && open.ChallengerVersion == input.Version)
            {
                await ResumeAsync(client, open);
                return Began(open);
            }

            return new PromotionOutcome(false, string.Create(
                CultureInfo.InvariantCulture,
                $"Version {input.Version} passed its gates and was registered, but experiment {open.Id} (v{open.ChallengerVersion} against v{open.ChampionVersion}) is still open, so it was not tried; start one by hand when that one ends."));
        }

        var settings = input.Settings;
        try
        {
            var experiment = await starter.StartAsync(client, new ExperimentRequest(input.Model, input.Version, settings.Strategy, settings.ChallengerTraffic, settings, startedBy), CancellationToken.None);
            return Began(experiment);
        }
        catch (MlopsException e) when (e.Code == MlopsErrorCode.Conflict)
        {
            // Another start won between the check and the create: this run's retry reads it on its next attempt.
            throw new InvalidOperationException($"Starting the experiment raced another start: {e.Message}", e);
        }
    }

    private async Task ResumeAsync(DurableTaskClient client, Experiment open)
    {
        await changes.SetChallengerAsync(open.Model, open.ChallengerVersion, CancellationToken.None);
        if (await client.GetInstanceAsync(open.Id, CancellationToken.None) is null)
        {
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(ExperimentMonitor), new ExperimentRef(open.Model, open.Id), new StartOrchestrationOptions(open.Id), CancellationToken.None);
        }
    }

    private static PromotionOutcome Began(Experiment experiment) => new(false, string.Create(
        CultureInfo.InvariantCulture,
        $"Version {experiment.ChallengerVersion} passed its gates and became the challenger of experiment {experiment.Id} ({experiment.Strategy}, {experiment.Traffic:P0} of traffic against champion v{experiment.ChampionVersion}); the experiment decides its promotion."))
    {
        ExperimentId = experiment.Id,
    };
}
