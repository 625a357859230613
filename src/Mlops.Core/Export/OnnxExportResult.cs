namespace Mlops.Core.Export;

/// <summary>The export's record for the manifest, and the model.onnx bytes when it is available.</summary>
public sealed record OnnxExportResult(OnnxExport Export, BinaryData? Model);
