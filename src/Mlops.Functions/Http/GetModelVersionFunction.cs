using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Registry;

namespace Mlops.Functions.Http;

/// <summary>GET /api/models/{model}/versions/{version}: the manifest with schema, metrics and lineage.</summary>
public sealed class GetModelVersionFunction(IModelRegistry registry)
{
    [Function("GetModelVersion")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/versions/{version}")] HttpRequest request,
        string model,
        string version,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        return new OkObjectResult(await ModelVersions.GetAsync(registry, model, ModelVersions.Parse(version), cancellationToken));
    });
}
