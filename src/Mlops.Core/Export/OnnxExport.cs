namespace Mlops.Core.Export;

/// <summary>
/// A version's ONNX export as its manifest records it: whether model.onnx exists, its SHA-256, the graph's inputs and
/// outputs, where each data column goes, and the check against ML.NET it passed; or why there is none.
/// </summary>
public sealed record OnnxExport(string Status, string? Reason)
{
    public string? Sha256 { get; init; }

    /// <summary>The version of the default ONNX operator set ("ai.onnx") the graph imports: what a runtime must support.</summary>
    public long? Opset { get; init; }

    /// <summary>Every operator set the graph imports, by domain ("ai.onnx", and "ai.onnx.ml" for the ML operators).</summary>
    public IReadOnlyDictionary<string, long>? Opsets { get; init; }

    public IReadOnlyList<OnnxTensor> Inputs { get; init; } = [];

    public IReadOnlyList<OnnxTensor> Outputs { get; init; } = [];

    public IReadOnlyList<OnnxFeature> Features { get; init; } = [];

    public OnnxCheck? Check { get; init; }

    public bool IsAvailable => Status == OnnxStatuses.Available;

    public static OnnxExport Unavailable(string reason) => new(OnnxStatuses.Unavailable, reason);
}
