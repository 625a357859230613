namespace Mlops.Core.Export;

/// <summary>One input or output of model.onnx as ONNX Runtime reads it; -1 in <see cref="Shape"/> is any size (the rows).</summary>
/// <param name="Name">The graph's name for it.</param>
/// <param name="Type">The element type: float, string, bool, int64.</param>
/// <param name="Shape">Its dimensions, rows first.</param>
/// <param name="Meaning">What it holds, in the model's own terms.</param>
public sealed record OnnxTensor(string Name, string Type, IReadOnlyList<long> Shape, string Meaning);
