using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core.Registry;

namespace Mlops.Functions.Http;

/// <summary>GET /api/models.</summary>
public sealed class ListModelsFunction(IModelRegistry registry)
{
    [Function("ListModels")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models")] HttpRequest request,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
        new OkObjectResult(await registry.ListModelsAsync(cancellationToken)));
}
