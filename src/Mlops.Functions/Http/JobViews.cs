using Microsoft.DurableTask.Client;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;
using Mlops.Functions.Http.Contracts;
using Mlops.Workflows.Scoring;

namespace Mlops.Functions.Http;

/// <summary>Reads a scoring job from its orchestration: the input names the file, the custom status the progress, the output the outcome.</summary>
public static class JobViews
{
    public const string ScoringKind = "scoring";

    /// <summary>The scoring job's orchestration with its input and output; not found (404) for any other id.</summary>
    public static async Task<OrchestrationMetadata> FindAsync(DurableTaskClient client, string jobId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ScoringJobIds.Validate(jobId);
        var metadata = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null || !string.Equals(metadata.Name, nameof(BatchScoring), StringComparison.Ordinal)
            ? throw MlopsException.NotFound($"Job '{jobId}' does not exist.")
            : metadata;
    }

    public static JobView From(OrchestrationMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var request = metadata.ReadInputAs<ScoringRequest>();
        var progress = metadata.ReadCustomStatusAs<ScoringProgress>();
        var result = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<ScoringResult>() : null;
        var status = metadata.RuntimeStatus switch
        {
            OrchestrationRuntimeStatus.Pending => "Pending",
            OrchestrationRuntimeStatus.Completed when result is { Completed: true } => "Completed",
            OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => "Failed",
            _ => "Running",
        };
        var ended = status is "Completed" or "Failed";
        var reason = result?.Reason ?? (ended ? metadata.FailureDetails?.ErrorMessage ?? "The job ended without a result." : null);
        return new JobView(
            metadata.InstanceId,
            ScoringKind,
            request?.Model,
            request?.File,
            request?.Version,
            status,
            result is { Completed: true } ? result.RowsTotal : progress?.RowsTotal,
            result is { Completed: true } ? result.RowsDone : progress?.RowsDone ?? 0,
            result is { Completed: true } ? result.RowsRejected : progress?.RowsRejected ?? 0,
            result?.Output,
            result?.Rejected,
            reason,
            metadata.CreatedAt,
            ended ? metadata.LastUpdatedAt : null);
    }
}
