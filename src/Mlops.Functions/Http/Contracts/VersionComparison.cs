namespace Mlops.Functions.Http.Contracts;

/// <summary>GET /api/models/{model}/compare?versions=a,b: the versions side by side and, per metric, each value and b - a.</summary>
public sealed record VersionComparison(string Model, IReadOnlyList<ComparedVersion> Versions, IReadOnlyDictionary<string, MetricComparison> Metrics);
