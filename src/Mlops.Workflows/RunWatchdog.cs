using System.Globalization;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Events;
using Mlops.Core.Runs;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows;

/// <summary>
/// Looks over every unfinished run and restarts those that stalled (whatever stalled them: a lost message, a hung
/// worker, a backend that will not deliver), up to a number of automatic restarts; after that it stops the run as
/// failed with the reason, and a person can still restart it.
/// </summary>
public sealed class RunWatchdog(
    IRunJournalStore journals,
    IRegistryEventLog events,
    StallDetector detector,
    RunRestarter restarter,
    TimeProvider clock,
    IOptions<RecoveryOptions> options,
    ILogger<RunWatchdog> logger)
{
    public async Task<IReadOnlyList<WatchdogAction>> SweepAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            FetchInputsAndOutputs = false,
        };
        var actions = new List<WatchdogAction>();
        await foreach (var run in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (run.Name != nameof(TrainingPipeline) || !RunIds.TryParse(run.InstanceId, out var model))
            {
                continue;
            }

            var journal = await journals.GetAsync(model, run.InstanceId, cancellationToken);
            if (detector.Judge(run.LastUpdatedAt, journal, clock.GetUtcNow()) is not { } stalled)
            {
                continue;
            }

            actions.Add(await RecoverAsync(client, model, run.InstanceId, journal, stalled, cancellationToken));
        }

        return actions;
    }

    private async Task<WatchdogAction> RecoverAsync(DurableTaskClient client, string model, string runId, RunJournal journal, string stalled, CancellationToken cancellationToken)
    {
        var allowed = options.Value.MaxAutomaticRestarts;
        if (journal.AutomaticRestarts < allowed)
        {
            try
            {
                var restart = await restarter.RestartAsync(client, runId, RestartKind.Automatic, stalled, cancellationToken);
                return new WatchdogAction(runId, true, restart.Attempt, stalled);
            }
            catch (MlopsException e)
            {
                // Finished meanwhile, or another restart is starting: nothing for the watchdog to do this time.
                return new WatchdogAction(runId, false, null, e.Message);
            }
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"Stopped by the watchdog after {allowed} automatic restart(s) without progress. {stalled} Restart it with POST /api/runs/{runId}/restart once the cause is fixed.");
        await journals.StopAsync(model, runId, reason, cancellationToken);
        await events.AppendAsync(model, RegistryEventTypes.Alert, new Dictionary<string, object?> { ["runId"] = runId, ["reason"] = reason }, cancellationToken);
        await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions { Output = reason }, cancellationToken);
        WorkflowLog.RunStopped(logger, runId, reason);
        return new WatchdogAction(runId, false, null, reason);
    }
}
