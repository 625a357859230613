namespace Mlops.Core.Export;

/// <summary>What a version's manifest says of its ONNX export.</summary>
public static class OnnxStatuses
{
    /// <summary>model.onnx is stored beside model.zip and scored the holdout as ML.NET did.</summary>
    public const string Available = "available";

    /// <summary>No model.onnx: a part of the model cannot be exported, or the export did not score as ML.NET did.</summary>
    public const string Unavailable = "unavailable";
}
