using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;
using Mlops.Workflows.Scoring;

namespace Mlops.Functions.Http;

/// <summary>GET /api/jobs/{jobId}: a batch scoring job's status, progress (rows done of total) and outputs.</summary>
public sealed class GetJobFunction
{
    [Function("GetJob")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "jobs/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ScoringJobIds.Validate(jobId);
        var metadata = await client.GetInstanceAsync(jobId, getInputsAndOutputs: true, cancellationToken);
        return metadata is null || !string.Equals(metadata.Name, nameof(BatchScoring), StringComparison.Ordinal)
            ? throw MlopsException.NotFound($"Job '{jobId}' does not exist.")
            : new OkObjectResult(JobViews.From(metadata));
    });
}
