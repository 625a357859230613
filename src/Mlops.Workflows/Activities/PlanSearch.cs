using Microsoft.DurableTask;
using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows.Activities;

/// <summary>
/// Plans the run's hyperparameter search: reads the data (its size decides k-fold or holdout and the halving rungs)
/// and draws every configuration from the seed, after the warm start's. In an activity because it reads options and storage, which an
/// orchestrator must not; Durable records the plan, so replays follow the same one. The plan is also kept beside the
/// run's candidate, so that its trials can be shown as they finish (GET /api/runs/{runId}/trials).
/// </summary>
public sealed class PlanSearch(TrainingDatasets datasets, SearchPlanner planner, RunCheckpoints checkpoints, TimeProvider clock) : TaskActivity<PlanSearchInput, SearchPlan>
{
    public override async Task<SearchPlan> RunAsync(TaskActivityContext context, PlanSearchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var data = await datasets.LoadAsync(input.Dataset, input.Schema);
        var plan = planner.Plan(data, input.PrimaryMetric, input.Mitigations, input.WarmStart);
        var start = new SearchStart(input.RunId, input.Dataset.BlobName, plan, clock.GetUtcNow().UtcDateTime);
        await checkpoints.WriteSearchStartAsync(input.Dataset.Model, start, CancellationToken.None);
        return plan;
    }
}
