using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Mlops.Core;
using Mlops.Core.Registry;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/models/{model}/versions/{version}: the manifest with schema, metrics and lineage, and the evaluation it
/// was registered with (gates, baseline, confusion matrix, per-class metrics, feature importance) when it has one, and
/// its ONNX export (inputs, outputs, where each column goes, the check against ML.NET) or why it has none.
/// </summary>
public sealed class GetModelVersionFunction(IModelRegistry registry, IModelArtifactStore artifacts)
{
    [Function("GetModelVersion")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/versions/{version}")] HttpRequest request,
        string model,
        string version,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ModelName.Validate(model);
        var manifest = await ModelVersions.GetAsync(registry, model, ModelVersions.Parse(version), cancellationToken);
        var view = JsonSerializer.SerializeToNode(manifest, MlopsJson.Options)!.AsObject();
        var evaluation = await artifacts.ReadAsync(ArtifactPaths.Evaluation(model, manifest.Version), cancellationToken);
        view["evaluation"] = evaluation is null ? null : JsonNode.Parse(evaluation.ToMemory().Span);
        if (manifest.Onnx is { IsAvailable: true } && await artifacts.ReadAsync(ArtifactPaths.Manifest(model, manifest.Version), cancellationToken) is { } stored)
        {
            // The registry row keeps the export's status; its inputs, outputs and feature map are in manifest.json.
            view["onnx"] = JsonNode.Parse(stored.ToMemory().Span)?["onnx"]?.DeepClone() ?? view["onnx"]?.DeepClone();
        }
        return new OkObjectResult(view);
    });
}
