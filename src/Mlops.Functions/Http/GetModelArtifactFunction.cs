using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Registry;

namespace Mlops.Functions.Http;

/// <summary>
/// GET /api/models/{model}/versions/{version}/artifact?format=mlnet|onnx: the version's model to run elsewhere, with its
/// SHA-256 (the manifest's) as the ETag so a download can be checked against the registry.
/// </summary>
public sealed class GetModelArtifactFunction(IModelRegistry registry, IModelArtifactStore artifacts)
{
    [Function("GetModelArtifact")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "models/{model}/versions/{version}/artifact")] HttpRequest request,
        string model,
        string version,
        CancellationToken cancellationToken) => Endpoint.HandleAsync(async () =>
    {
        ArgumentNullException.ThrowIfNull(request);
        ModelName.Validate(model);
        var format = ArtifactFormats.Parse(request.Query["format"]);
        var manifest = await ModelVersions.GetAsync(registry, model, ModelVersions.Parse(version), cancellationToken);
        var path = ArtifactFormats.PathOf(manifest, format);
        var content = await artifacts.ReadAsync(path, cancellationToken)
            ?? throw MlopsException.NotFound(string.Create(CultureInfo.InvariantCulture, $"Version {manifest.Version} of '{model}' is registered but its {format} model is missing from storage."));
        var onnx = format == ArtifactFormats.Onnx;
        var sha256 = onnx ? manifest.Onnx!.Sha256 : manifest.ModelSha256;
        return new FileContentResult(content.ToArray(), onnx ? "application/octet-stream" : "application/zip")
        {
            FileDownloadName = string.Create(CultureInfo.InvariantCulture, $"{model}-v{manifest.Version}.{(onnx ? "onnx" : "zip")}"),
            EntityTag = sha256 is null ? null : new EntityTagHeaderValue($"\"{sha256}\""),
        };
    });
}
