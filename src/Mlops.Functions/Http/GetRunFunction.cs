using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>GET /api/runs/{runId}: the run's status, stages and outcome.</summary>
public sealed class GetRunFunction
{
    [Function("GetRun")]
    public static Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "runs/{runId}")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        if (!RunIds.TryParse(runId, out var model))
        {
            throw MlopsException.Invalid($"Run id '{runId}' is invalid: a run id is '{{model}}-{{first 16 hex digits of the dataset's SHA-256}}'.");
        }

        var metadata = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken)
            ?? throw MlopsException.NotFound($"Run '{runId}' does not exist.");
        return new OkObjectResult(RunViews.From(model, metadata));
    });
}
