namespace Mlops.Core.Evaluation;

/// <summary>An absolute gate on one holdout metric: the challenger's value must be at least Min and at most Max.</summary>
public sealed record MetricBounds(double? Min, double? Max);
