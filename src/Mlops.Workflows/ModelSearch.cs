using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;
using Mlops.Workflows.Activities;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows;

/// <summary>
/// The train stage's search, run inside the orchestration: plan it (an activity), fan its trials out as activities
/// within the plan's concurrency bound, record every trial, and hand back the winner. A failed trial is recorded and
/// the search goes on. Replay-safe: the plan comes from history, the clock is the orchestration's, and
/// <see cref="TrialSearch"/> decides only from what the trials returned.
/// </summary>
internal sealed class ModelSearch(TaskOrchestrationContext context, PipelineStages stages, ILogger log)
{
    private static readonly TaskOptions TrialRetry = Retries.Trials;

    /// <param name="warmStart">Configurations to try first (<see cref="LoadWarmStart"/>); null for a cold start.</param>
    public async Task<(SearchPlan Plan, SearchOutcome Outcome, string RecordPath)> RunAsync(DatasetRef dataset, DatasetSchema schema, string? metric, IReadOnlyList<string> mitigations, WarmStart? warmStart, TaskOptions retry)
    {
        var runId = context.InstanceId;
        var plan = await context.CallActivityAsync<SearchPlan>(nameof(PlanSearch), new PlanSearchInput(runId, dataset, schema, metric, mitigations) { WarmStart = warmStart }, retry);
        WorkflowLog.SearchPlanned(log, runId, plan.Strategy, plan.PlannedTrials, plan.MaxConcurrentTrials, plan.Settings.ValidationFolds);

        var started = context.CurrentUtcDateTime;
        var search = new TrialSearch(
            plan,
            trial => RunTrialAsync(new RunTrialInput(runId, dataset, schema, plan.Settings, trial)),
            () => context.CurrentUtcDateTime,
            stages.ReportSearch);
        var outcome = await search.RunAsync();

        var record = SearchRecord.Of(runId, dataset.BlobName, plan, outcome, started, context.CurrentUtcDateTime);
        var path = await context.CallActivityAsync<string>(nameof(RecordSearch), new RecordSearchInput(dataset.Model, record), retry);
        WorkflowLog.SearchFinished(log, runId, outcome.Trials.Count, outcome.Winner?.Configuration.Trainer, outcome.StopReason);
        return (plan, outcome, path);
    }

    private async Task<TrialResult> RunTrialAsync(RunTrialInput input)
    {
        try
        {
            return await context.CallActivityAsync<TrialResult>(nameof(RunTrial), input, TrialRetry);
        }
        catch (TaskFailedException failure)
        {
            var message = failure.FailureDetails.ErrorMessage;
            WorkflowLog.TrialFailed(log, context.InstanceId, input.Trial.Index, input.Trial.Configuration.Trainer, message);
            return TrialResult.Failed(input.Trial, message);
        }
    }
}
