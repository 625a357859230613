using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Registry;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>GET /api/models/{model}: aliases and every committed version.</summary>
public sealed class GetModelFunction(IModelRegistry registry)
{
    [Function("GetModel")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var versions = await registry.ListVersionsAsync(model, cancellationToken);
        if (versions.Count == 0)
        {
            throw MlopsException.NotFound($"Model '{model}' does not exist.");
        }

        var aliases = await registry.ListAliasesAsync(model, cancellationToken);
        return new OkObjectResult(new ModelDetails(
            model,
            aliases.ToDictionary(a => a.Alias, a => a.Version),
            [.. versions.Select(v => new VersionSummary(v.Version, v.CreatedAt, v.RunId, v.Trainer, v.Metrics))]));
    });
}
