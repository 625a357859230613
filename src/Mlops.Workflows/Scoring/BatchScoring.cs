using System.Globalization;
using Microsoft.DurableTask;

using Mlops.Core.Scoring;

namespace Mlops.Workflows.Scoring;

/// <summary>
/// A batch scoring job: plan (the file's header checked against the model before anything is scored, its rows indexed by
/// byte offset into chunks), score the chunks as activities with at most the plan's number at once, each reading its
/// own range of the file and staging its output as blocks of the published file, then publish the output in input order
/// in one commit. Progress (rows done of total) is the custom status, updated as each chunk completes. Rows never travel
/// through the history: it holds byte ranges and counts.
/// </summary>
public sealed class BatchScoring : TaskOrchestrator<ScoringRequest, ScoringResult>
{
    private static readonly TaskOptions Retry = Retries.Activities;

    public override async Task<ScoringResult> RunAsync(TaskOrchestrationContext context, ScoringRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var log = context.CreateReplaySafeLogger<BatchScoring>();
        var jobId = context.InstanceId;
        if (!ScoringVersions.IsSupported(input.ScoringVersion))
        {
            return Fail(log, jobId, ScoringVersions.Unsupported(input.ScoringVersion));
        }

        WorkflowLog.ScoringStarted(log, jobId, input.Model, input.File, input.Version);
        try
        {
            var plan = await context.CallActivityAsync<ScoringPlan>(nameof(PlanScoring), new PlanScoringInput(jobId, input), Retry);
            if (plan.Problem is { } problem)
            {
                return Fail(log, jobId, problem);
            }

            // The job's start, from history, so a replay and a chunk run again log the same rows at the same time.
            var logging = input.LogPredictions ? new ChunkLogging(jobId, input.Model, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)) : null;
            var progress = new ScoringProgress(plan.Rows, 0, 0);
            context.SetCustomStatus(progress);
            var running = new List<Task<ChunkResult>>();
            var done = new List<ChunkResult>(plan.Chunks);
            foreach (var range in plan.Ranges)
            {
                if (running.Count == plan.MaxConcurrentChunks)
                {
                    progress = Done(context, progress, running, done, await Task.WhenAny(running));
                }

                running.Add(context.CallActivityAsync<ChunkResult>(nameof(ScoreChunk), new ScoreChunkInput(jobId, input, range, plan.Format!) { Logging = logging }, Retry));
            }

            while (running.Count > 0)
            {
                progress = Done(context, progress, running, done, await Task.WhenAny(running));
            }

            var outputs = await context.CallActivityAsync<ScoringOutputs>(
                nameof(PublishScoring), new PublishScoringInput(jobId, input, plan.Header, [.. done.OrderBy(c => c.Chunk)]), Retry);
            WorkflowLog.ScoringCompleted(log, jobId, progress.RowsDone, progress.RowsRejected, outputs.Output);
            return new ScoringResult(true, plan.Rows, progress.RowsDone, progress.RowsRejected, outputs.Output, outputs.Rejected, Describe(progress));
        }
        catch (TaskFailedException failure)
        {
            return Fail(log, jobId, failure.FailureDetails.ErrorMessage);
        }
    }

    private static ScoringProgress Done(TaskOrchestrationContext context, ScoringProgress progress, List<Task<ChunkResult>> running, List<ChunkResult> done, Task<ChunkResult> finished)
    {
        running.Remove(finished);

        // A failed chunk throws here, after its retries: the job fails with its reason rather than publish a file with a hole.
        var chunk = finished.GetAwaiter().GetResult();
        done.Add(chunk);
        var next = progress with { RowsDone = progress.RowsDone + chunk.Rows, RowsRejected = progress.RowsRejected + chunk.Rejected };
        context.SetCustomStatus(next);
        return next;
    }

    private static string Describe(ScoringProgress progress) => string.Create(
        CultureInfo.InvariantCulture,
        $"Scored {progress.RowsDone - progress.RowsRejected} of {progress.RowsTotal} rows; {progress.RowsRejected} rejected.");

    private static ScoringResult Fail(Microsoft.Extensions.Logging.ILogger log, string jobId, string reason)
    {
        WorkflowLog.ScoringFailed(log, jobId, reason);
        return ScoringResult.Failed(reason);
    }
}
