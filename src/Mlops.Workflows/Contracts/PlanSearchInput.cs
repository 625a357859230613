using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;

namespace Mlops.Workflows.Contracts;

/// <param name="RunId">The run.</param>
/// <param name="Dataset">The validated dataset.</param>
/// <param name="Schema">Its schema.</param>
/// <param name="PrimaryMetric">The spec's metric, as validation accepted it; null for the task's default.</param>
/// <param name="Mitigations">Kinds of the data report's mitigations (class weights for imbalance).</param>
public sealed record PlanSearchInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, string? PrimaryMetric, IReadOnlyList<string> Mitigations)
{
    /// <summary>The configurations to try first (<see cref="Activities.LoadWarmStart"/>); null for a cold start and in inputs recorded before warm starts.</summary>
    public WarmStart? WarmStart { get; init; }
}
