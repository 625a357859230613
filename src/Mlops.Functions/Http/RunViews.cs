using Microsoft.DurableTask.Client;
using Mlops.Core.Runs;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows.Contracts;

namespace Mlops.Functions.Http;

/// <summary>Reads a run from its orchestration: the input names the dataset, the custom status the stages, the output the outcome.</summary>
public static class RunViews
{
    public static RunView From(string model, OrchestrationMetadata metadata, RunJournal? journal = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var request = metadata.ReadInputAs<RunRequest>();
        var progress = metadata.ReadCustomStatusAs<RunProgress>();
        var stages = progress?.Stages.Select(s => new StageView(
            s.Name,
            s.Status.ToString(),
            AsUtc(s.StartedAt),
            AsUtc(s.EndedAt),
            s.Detail)).ToArray() ?? [];

        var output = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<RunResult>() : null;
        var (status, version, promoted, reason) = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending => (RunStatus.Pending, null, false, null),
            OrchestrationRuntimeStatus.Completed when output is { } result =>
                (result.Status, result.Version, result.Promoted, result.Reason),
            OrchestrationRuntimeStatus.Terminated when journal?.StoppedReason is { } stopped => (RunStatus.Failed, (int?)null, false, stopped),
            OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Completed =>
                (RunStatus.Failed, (int?)null, false, metadata.FailureDetails?.ErrorMessage ?? "The run ended without a result."),
            _ => (RunStatus.Running, (int?)null, false, (string?)null),
        };

        var search = progress?.Search is { } searched
            ? new SearchView(searched.TrialsDone, searched.TrialsPlanned, searched.TrialsFailed, searched.TrialsStoppedEarly, searched.Metric, searched.BestTrainer, searched.BestValue, searched.BestTrial)
            {
                TrialSeconds = searched.TrialSeconds,
            }
            : null;
        return new RunView(metadata.InstanceId, model, request?.Dataset.BlobName, status.ToString(), stages, version, promoted, reason)
        {
            Search = search,
            Attempt = request?.Attempt ?? 1,
            Restarts = journal?.Restarts.Select(r => new RestartView(r.At, r.Kind.ToString(), r.Reason, r.Attempt)).ToArray() ?? [],
            Trigger = request?.Trigger is { } trigger ? new TriggerView(trigger.Kind, trigger.Detail) : null,
            Gates = output?.Gates ?? [],
            ExperimentId = output?.ExperimentId,
            PipelineVersion = request?.PipelineVersion ?? 1,
        };
    }

    private static DateTimeOffset? AsUtc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
