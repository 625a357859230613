using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Registry;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>GET /api/models/{model}/compare?versions=a,b.</summary>
public sealed class CompareVersionsFunction(IModelRegistry registry)
{
    [Function("CompareVersions")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/compare")] HttpRequest request,
        string model,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var requested = request.Query["versions"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (requested.Length != 2)
        {
            throw MlopsException.Invalid("Query 'versions' must name two versions, e.g. ?versions=1,2.");
        }

        var a = await ModelVersions.GetAsync(registry, model, ModelVersions.Parse(requested[0]), cancellationToken);
        var b = await ModelVersions.GetAsync(registry, model, ModelVersions.Parse(requested[1]), cancellationToken);
        var metrics = a.Metrics.Keys.Union(b.Metrics.Keys).Order(StringComparer.Ordinal).ToDictionary(
            name => name,
            name =>
            {
                double? left = a.Metrics.TryGetValue(name, out var x) ? x : null;
                double? right = b.Metrics.TryGetValue(name, out var y) ? y : null;
                return new MetricComparison(left, right, right - left);
            });
        return new OkObjectResult(new VersionComparison(model, [Describe(a), Describe(b)], metrics));
    });

    private static ComparedVersion Describe(ModelVersion v) =>
        new(v.Version, v.CreatedAt, v.Trainer, v.Lineage.DatasetBlob, v.Lineage.DatasetSha256, v.Parameters);
}
