namespace Mlops.Core.Datasets;

/// <summary>One feature column of a model's input.</summary>
public sealed record ColumnSchema(string Name, ColumnKind Kind);
