using Mlops.Core.Evaluation;

namespace Mlops.Functions.Http.Contracts;

/// <summary>A metric as each version recorded it on its own holdout (A, B, Delta), and both on the shared holdout.</summary>
public sealed record MetricComparison(double? A, double? B, double? Delta)
{
    /// <summary>Both versions on the shared holdout: values, B − A and its paired bootstrap interval; null when not computed.</summary>
    public MetricDifference? Shared { get; init; }
}
