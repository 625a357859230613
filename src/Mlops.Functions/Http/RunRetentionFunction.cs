using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core.Retention;

namespace Mlops.Functions.Http;

/// <summary>
/// POST /api/retention/run: the retention pass now, as the timer runs it (admin); answers what it kept, deleted and why.
/// Not under /api/admin/: the Functions host reserves routes that start with "admin" for its own API.
/// </summary>
public sealed class RunRetentionFunction(RetentionPass retention)
{
    [Function("RunRetention")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = "retention/run")] HttpRequest request,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
        new OkObjectResult(await retention.RunAsync(cancellationToken)));
}
