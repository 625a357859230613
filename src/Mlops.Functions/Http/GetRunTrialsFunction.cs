using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Registry;
using Mlops.Core.Training.Search;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/runs/{runId}/trials: the run's search record (every trial's configuration, metrics, duration and
/// outcome, the plan and the winner), kept beside its candidate so that runs can be compared.
/// </summary>
public sealed class GetRunTrialsFunction(IModelArtifactStore artifacts)
{
    [Function("GetRunTrials")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "runs/{runId}/trials")] HttpRequest request,
        string runId,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        var model = RunIds.ModelOf(runId);
        var record = await artifacts.ReadAsync(ArtifactPaths.Trials(model, runId), cancellationToken)
            ?? throw MlopsException.NotFound($"Run '{runId}' has no search record: it does not exist, or it has not finished its search (a quarantined run never starts one).");
        return new OkObjectResult(record.ToObjectFromJson<SearchRecord>(MlopsJson.Options));
    });
}
