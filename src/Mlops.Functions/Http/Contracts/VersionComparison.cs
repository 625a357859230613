using Mlops.Core.Datasets;

namespace Mlops.Functions.Http.Contracts;

/// <summary>GET /api/models/{model}/compare?versions=a,b: the versions side by side and, per metric, each value and b - a.</summary>
public sealed record VersionComparison(string Model, IReadOnlyList<ComparedVersion> Versions, IReadOnlyDictionary<string, MetricComparison> Metrics)
{
    public SharedHoldoutView? SharedHoldout { get; init; }

    /// <summary>Parameters that differ.</summary>
    public IReadOnlyDictionary<string, ParameterDifference> Parameters { get; init; } = new Dictionary<string, ParameterDifference>();

    /// <summary>What changed in the input schema from a to b.</summary>
    public SchemaDifference? Schema { get; init; }

    /// <summary>Each version's data contract number.</summary>
    public IReadOnlyList<int?> ContractVersions { get; init; } = [];
}
