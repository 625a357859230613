using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>GET /api/models/{model}/spec: the spec the model's next run will read.</summary>
public sealed class GetModelSpecFunction(IDatasetStore datasets)
{
    [Function("GetModelSpec")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/spec")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var json = await datasets.ReadSpecAsync(model, cancellationToken)
            ?? throw MlopsException.NotFound($"Model '{model}' has no spec: everything is inferred from its data. PUT one to /api/models/{model}/spec.");
        return new OkObjectResult(ModelSpecViews.Of(model, json));
    });
}
