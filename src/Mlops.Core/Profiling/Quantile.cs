namespace Mlops.Core.Profiling;

/// <summary>The value below which <paramref name="Probability"/> of a column's numbers lie.</summary>
public sealed record Quantile(double Probability, double Value);
