using Mlops.Core.Errors;
using Mlops.Core.Registry;

namespace Mlops.Functions.Http;

/// <summary>The formats a version's model downloads in: ML.NET's model.zip, or model.onnx when its export was kept.</summary>
public static class ArtifactFormats
{
    public const string MlNet = "mlnet";
    public const string Onnx = "onnx";

    /// <summary>The format asked for (ML.NET's when absent), or a 400 that lists the formats.</summary>
    public static string Parse(string? format) => format switch
    {
        null or "" or MlNet => MlNet,
        Onnx => Onnx,
        _ => throw MlopsException.Invalid($"Format '{format}' is not one of {MlNet}, {Onnx}."),
    };

    /// <summary>The blob to download, or a 404 that says why the version has no ONNX model.</summary>
    public static string PathOf(ModelVersion manifest, string format)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (format == MlNet)
        {
            return ArtifactPaths.ModelZip(manifest.Model, manifest.Version);
        }

        return manifest.Onnx switch
        {
            { IsAvailable: true } => ArtifactPaths.OnnxModel(manifest.Model, manifest.Version),
            null => throw MlopsException.NotFound($"Version {manifest.Version} of '{manifest.Model}' has no ONNX model: it was registered before versions were exported to ONNX."),
            { } onnx => throw MlopsException.NotFound($"Version {manifest.Version} of '{manifest.Model}' has no ONNX model: {onnx.Reason}"),
        };
    }
}
