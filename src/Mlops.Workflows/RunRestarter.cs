using System.Globalization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Runs;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows;

/// <summary>
/// Runs a run again under its own id, from what it already finished: the execution in the way is stopped, and a new
/// one starts on the same input. Its activities find their checkpoints (every trial measured, the refit's candidate)
/// and registration finds the version it reserved, so the run resumes at its last unfinished step and never makes a
/// second version.
/// </summary>
public sealed class RunRestarter(IRunJournalStore journals, TimeProvider clock, ILogger<RunRestarter> logger)
{
    /// <summary>How long a restart waits for the execution it replaces to stop.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A second restart this soon after another is refused: the first is still starting.</summary>
    private static readonly TimeSpan RestartSpacing = TimeSpan.FromSeconds(30);

    public async Task<RunRestartResult> RestartAsync(DurableTaskClient client, string runId, RestartKind kind, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var model = RunIds.ModelOf(runId);
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken)
            ?? throw MlopsException.NotFound($"Run '{runId}' does not exist.");
        EnsureRestartable(instance);
        var request = instance.ReadInputAs<RunRequest>()
            ?? throw new InvalidOperationException($"Run '{runId}' has no input to run again.");

        var now = clock.GetUtcNow();
        var journal = await journals.AddRestartAsync(
            model,
            runId,
            current => current.Restarts.Count > 0 && now - current.Restarts[^1].At < RestartSpacing
                ? throw new MlopsException(MlopsErrorCode.Conflict, string.Create(CultureInfo.InvariantCulture, $"Run '{runId}' was restarted at {current.Restarts[^1].At:u}; wait for that attempt to start."))
                : new RunRestart(now, kind, reason, current.Attempt + 1),
            cancellationToken);

        if (instance.IsRunning || instance.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended)
        {
            await StopAsync(client, runId, reason, cancellationToken);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(TrainingPipeline),
            request with { Attempt = journal.Attempt, PipelineVersion = PipelineVersions.Current },
            new StartOrchestrationOptions(runId),
            cancellationToken);
        WorkflowLog.RunRestarted(logger, runId, kind, journal.Attempt, reason);
        return new RunRestartResult(runId, journal.Attempt, reason);
    }

    /// <summary>
    /// A run that ended with a version has nothing to resume. A quarantined one may: its verdict depends on the model's
    /// spec as well as the data (the label, the columns ignored, the thresholds), so after the spec is fixed it is
    /// validated again from the start. It trained nothing, so no checkpoint of it can be reused by mistake.
    /// </summary>
    private static void EnsureRestartable(OrchestrationMetadata instance)
    {
        if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed && instance.ReadOutputAs<RunResult>() is { Status: RunStatus.Completed } result)
        {
            throw new MlopsException(
                MlopsErrorCode.Conflict,
                string.Create(CultureInfo.InvariantCulture, $"Run '{instance.InstanceId}' completed (version {result.Version}); there is nothing to restart. Upload new data to train again, or the same file with ?retrain=true to train it again under the model's spec as it is now."));
        }
    }

    private static async Task StopAsync(DurableTaskClient client, string runId, string reason, CancellationToken cancellationToken)
    {
        await client.TerminateInstanceAsync(runId, new TerminateInstanceOptions { Output = $"Restarted: {reason}" }, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            while (true)
            {
                var state = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, timeout.Token);
                if (state is null || !(state.IsRunning || state.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended))
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MlopsException(
                MlopsErrorCode.Conflict,
                string.Create(CultureInfo.InvariantCulture, $"Run '{runId}' did not stop within {StopTimeout.TotalSeconds:0} s; its restart is recorded, try again."));
        }
    }
}
