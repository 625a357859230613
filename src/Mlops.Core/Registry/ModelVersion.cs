using Mlops.Core.Datasets;
using Mlops.Core.Export;

namespace Mlops.Core.Registry;

/// <summary>An immutable registered model version: the registry row and the body of manifest.json.</summary>
/// <remarks>
/// <see cref="ContractVersion"/> names the data contract accepted with the training data, stored beside the model as
/// contract.json (<see cref="ArtifactPaths.Contract"/>): the next upload for the model is validated against the
/// champion's. It lives in a blob, not in the row, because a wide dataset's profiles outgrow a table entity.
/// </remarks>
public sealed record ModelVersion(
    string Model,
    int Version,
    DateTimeOffset CreatedAt,
    string RunId,
    string Trainer,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    DatasetSchema Schema,
    Lineage Lineage,
    string ModelSha256,
    int? ContractVersion = null)
{
    /// <summary>
    /// The ONNX export: in manifest.json in full (inputs, outputs, feature map, check); the registry row keeps its
    /// status, SHA-256 and reason. Null for versions registered before exports (pipeline version 5).
    /// </summary>
    public OnnxExport? Onnx { get; init; }
}
