using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Mlops.Core.Datasets;
using Mlops.Core.Telemetry;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows;

/// <summary>
/// Starts the pipeline for a stored dataset. The run id comes from the model and the content, so the upload route,
/// the blob trigger and a retry converge on one run, and identical content never trains twice.
/// </summary>
public sealed class RunLauncher(ILogger<RunLauncher> logger) : IDisposable
{
    private readonly RunStartGate gate = new();

    public Task<RunStart> StartAsync(DurableTaskClient client, string model, StoredDataset dataset, RunTrigger trigger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return StartAsync(client, model, dataset, trigger, RunIds.For(model, dataset.Sha256), cancellationToken);
    }

    /// <summary>Starts the run named <paramref name="runId"/> (<see cref="RetrainRuns"/>' for content trained again), unless it exists.</summary>
    public async Task<RunStart> StartAsync(DurableTaskClient client, string model, StoredDataset dataset, RunTrigger trigger, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(dataset);

        // Across processes only the backend can refuse a second start (the dedupe statuses below); within one, the
        // gate closes the window between the check and the start in which identical uploads racing would each start it.
        using var entered = await gate.EnterAsync(runId, cancellationToken);

        // Checked first: the Durable backends let a new start replace a finished instance of the same id unless told
        // not to (the dedupe statuses, which not every backend honours).
        if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            WorkflowLog.RunExists(logger, runId, dataset.BlobName);
            return new RunStart(runId, false);
        }

        var request = new RunRequest(new DatasetRef(model, dataset.BlobName, dataset.Sha256, dataset.ETag)) { Trigger = trigger, PipelineVersion = PipelineVersions.Current };

        // The run's trace starts here (under the upload's request span, when there is one): the Durable client hands
        // this span to the orchestration as its parent, and the orchestration to every activity it calls.
        using var span = MlopsTelemetry.ActivitySource.StartActivity("run.start", ActivityKind.Producer);
        span?.SetTag("mlops.model", model).SetTag("mlops.run_id", runId).SetTag("mlops.trigger", trigger.Kind).SetTag("mlops.dataset", dataset.BlobName);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(TrainingPipeline), request, new StartOrchestrationOptions(runId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]), cancellationToken);
        }
        catch (Exception)
        {
            // Another trigger for the same content may have won the race between the check and the start;
            // each client surfaces that differently, so the instance itself is the test.
            if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }

            WorkflowLog.RunExists(logger, runId, dataset.BlobName);
            return new RunStart(runId, false);
        }

        WorkflowLog.RunScheduled(logger, runId, dataset.BlobName);
        return new RunStart(runId, true);
    }

    public void Dispose() => gate.Dispose();
}
