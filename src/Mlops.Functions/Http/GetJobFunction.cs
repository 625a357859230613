using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Mlops.Functions.Http;

/// <summary>GET /api/jobs/{jobId}: a batch scoring job's status, progress (rows done of total) and outputs.</summary>
public sealed class GetJobFunction
{
    [Function("GetJob")]
    public static Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "jobs/{jobId}")] HttpRequest request,
        string jobId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        var metadata = await JobViews.FindAsync(client, jobId, cancellationToken);
        return new OkObjectResult(JobViews.From(metadata));
    });
}
