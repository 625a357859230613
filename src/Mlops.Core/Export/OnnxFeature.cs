namespace Mlops.Core.Export;

/// <summary>Where one of the model's input columns goes in model.onnx's inputs, and how its value is written there.</summary>
/// <param name="Feature">The column's name in the data.</param>
/// <param name="Input">The ONNX input it is written to.</param>
/// <param name="Slot">Its first position in that input's row.</param>
/// <param name="Width">How many positions it takes (a date takes several).</param>
/// <param name="Encoding">How the raw value becomes what sits there.</param>
public sealed record OnnxFeature(string Feature, string Input, int Slot, int Width, string Encoding)
{
    /// <summary>A category's token is this prefix followed by the value (the prefix keeps equal values of two columns apart).</summary>
    public string? TokenPrefix { get; init; }
}
