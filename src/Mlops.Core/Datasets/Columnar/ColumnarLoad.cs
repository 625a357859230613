namespace Mlops.Core.Datasets.Columnar;

/// <summary>A dataset read for training, or why it could not be read (it changed, or disagrees with its schema).</summary>
public sealed record ColumnarLoad(ColumnarDataset? Dataset, string? Error);
