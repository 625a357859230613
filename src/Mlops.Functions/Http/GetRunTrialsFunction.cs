using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Registry;
using Mlops.Core.Training.Search;
using Mlops.Workflows;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/runs/{runId}/trials: the run's search record (every trial's configuration, metrics, duration and
/// outcome, the plan and the winner), kept beside its candidate so that runs can be compared. While the search runs
/// (or when its run stopped before the search ended) it answers the trials finished so far, marked "partial".
/// </summary>
public sealed class GetRunTrialsFunction(IModelArtifactStore artifacts, RunCheckpoints checkpoints, TimeProvider clock)
{
    [Function("GetRunTrials")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "runs/{runId}/trials")] HttpRequest request,
        string runId,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        var model = RunIds.ModelOf(runId);
        if (await artifacts.ReadAsync(ArtifactPaths.Trials(model, runId), cancellationToken) is { } record)
        {
            return new OkObjectResult(record.ToObjectFromJson<SearchRecord>(MlopsJson.Options));
        }

        var soFar = await checkpoints.ReadSearchSoFarAsync(model, runId, clock.GetUtcNow().UtcDateTime, cancellationToken)
            ?? throw MlopsException.NotFound($"Run '{runId}' has no search: it does not exist, or it has not planned its search yet (a quarantined run never starts one).");
        return new OkObjectResult(soFar);
    });
}
