using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Registry;
using Mlops.Core.Training;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/models/{model}/compare?versions=a,b: the versions side by side, each metric as recorded at registration,
/// and both scored again on one shared holdout (the newer version's) with the paired bootstrap interval of b − a,
/// plus what differs in their parameters and input schema.
/// </summary>
public sealed class CompareVersionsFunction(IModelRegistry registry, IModelArtifactStore artifacts, DatasetLoader loader, VersionComparer comparer, IOptions<TrainingOptions> training)
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
        var shared = await SharedAsync(a, b, cancellationToken);
        var metrics = a.Metrics.Keys.Union(b.Metrics.Keys).Order(StringComparer.Ordinal).ToDictionary(
            name => name,
            name =>
            {
                double? left = a.Metrics.TryGetValue(name, out var x) ? x : null;
                double? right = b.Metrics.TryGetValue(name, out var y) ? y : null;
                return new MetricComparison(left, right, right - left)
                {
                    Shared = shared.Differences.TryGetValue(name, out var difference) ? difference : null,
                };
            });
        return new OkObjectResult(new VersionComparison(model, [Describe(a), Describe(b)], metrics)
        {
            SharedHoldout = new SharedHoldoutView(Newer(a, b).Lineage.DatasetBlob, Newer(a, b).Version, shared.Rows, shared.Problem),
            Parameters = ParameterDifferences(a, b),
            Schema = SchemaDifference.Between(a.Schema, b.Schema),
            ContractVersions = [a.ContractVersion, b.ContractVersion],
        });
    });

    private static ModelVersion Newer(ModelVersion a, ModelVersion b) => a.Version >= b.Version ? a : b;

    private async Task<SharedHoldoutComparison> SharedAsync(ModelVersion a, ModelVersion b, CancellationToken cancellationToken)
    {
        var newer = Newer(a, b);
        var lineage = newer.Lineage;
        var read = await loader.LoadAsync(new DatasetRef(newer.Model, lineage.DatasetBlob, lineage.DatasetSha256, lineage.DatasetETag), newer.Schema, TrainingMemory.Sampling(training.Value, newer.Schema), cancellationToken);
        if (read.Dataset is not { } data)
        {
            return SharedHoldoutComparison.Failed($"Version {newer.Version}'s training data ({lineage.DatasetBlob}) can no longer be read: {read.Error}");
        }

        var left = await artifacts.ReadAsync(ArtifactPaths.ModelZip(a.Model, a.Version), cancellationToken);
        var right = await artifacts.ReadAsync(ArtifactPaths.ModelZip(b.Model, b.Version), cancellationToken);
        if (left is null || right is null)
        {
            return SharedHoldoutComparison.Failed($"Version {(left is null ? a.Version : b.Version)} has no model.zip.");
        }

        return comparer.Compare((left, a.Schema), (right, b.Schema), data);
    }

    /// <summary>Only the parameters whose values differ (or that one side lacks).</summary>
    private static Dictionary<string, ParameterDifference> ParameterDifferences(ModelVersion a, ModelVersion b) =>
        a.Parameters.Keys.Union(b.Parameters.Keys).Order(StringComparer.Ordinal)
            .Select(k => (Key: k, A: a.Parameters.GetValueOrDefault(k), B: b.Parameters.GetValueOrDefault(k)))
            .Where(p => !string.Equals(p.A, p.B, StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => new ParameterDifference(p.A, p.B), StringComparer.Ordinal);

    private static ComparedVersion Describe(ModelVersion v) =>
        new(v.Version, v.CreatedAt, v.Trainer, v.Lineage.DatasetBlob, v.Lineage.DatasetSha256, v.Parameters);
}
