using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mlops.Core.Datasets;
using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Training;
using Mlops.Core.Training.Search;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Runs one trial of a search on the run's data, read from its blob; it writes only its own checkpoint, so running it
/// twice is harmless, and a restarted run does not fit a completed trial again. A configuration the trainer cannot fit
/// is an outcome (a failed trial), not a fault: it is returned, not thrown. Storage faults and the host's own faults
/// (out of memory) do throw, so Durable retries them.
/// </summary>
public sealed class RunTrial(TrainingDatasets datasets, TrialRunner runner, RunCheckpoints checkpoints, RunHeartbeat heartbeat, TimeProvider clock, ILogger<RunTrial> logger)
    : TaskActivity<RunTrialInput, TrialResult>
{
    public override async Task<TrialResult> RunAsync(TaskActivityContext context, RunTrialInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await checkpoints.ReadTrialAsync(input, CancellationToken.None) is { } kept)
        {
            WorkflowLog.TrialReused(logger, input.RunId, input.Trial.Index);
            return kept;
        }

        await using var alive = heartbeat.Start(input.Dataset.Model, input.RunId, $"{nameof(RunTrial)} {input.Trial.Index}");
        var data = await datasets.LoadAsync(input.Dataset, input.Schema);
        var result = Run(input, data);
        await checkpoints.WriteTrialAsync(input, result, CancellationToken.None);
        return result;
    }

    private TrialResult Run(RunTrialInput input, ColumnarDataset data)
    {
        var started = clock.GetTimestamp();
        try
        {
            return runner.Run(data, input.Settings, input.Trial);
        }
        catch (Exception e) when (HostFaults.IsTrialOutcome(e))
        {
            WorkflowLog.TrialFailed(logger, input.RunId, input.Trial.Index, input.Trial.Configuration.Trainer, e.Message);
            return TrialResult.Failed(input.Trial, $"{e.GetType().Name}: {e.Message}", clock.GetElapsedTime(started).TotalSeconds);
        }
    }
}
