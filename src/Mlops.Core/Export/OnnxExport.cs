namespace Mlops.Core.Export;

/// <summary>
/// A version's ONNX export as its manifest records it: whether model.onnx exists, its SHA-256, the graph's inputs and
/// outputs, where each data column goes, and the check against ML.NET it passed; or why there is none.
/// </summary>
public sealed record OnnxExport(string Status, string? Reason)
{
    public string? Sha256 { get; init; }

    /// <summary>The ONNX opset the graph targets.</summary>
    public long? Opset { get; init; }

    public IReadOnlyList<OnnxTensor> Inputs { get; init; } = [];

    public IReadOnlyList<OnnxTensor> Outputs { get; init; } = [];

    public IReadOnlyList<OnnxFeature> Features { get; init; } = [];

    public OnnxCheck? Check { get; init; }

    public bool IsAvailable => Status == OnnxStatuses.Available;

    public static OnnxExport Unavailable(string reason) => new(OnnxStatuses.Unavailable, reason);
}
