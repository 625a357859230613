using Mlops.Core.Datasets;

namespace Mlops.Workflows.Contracts;

/// <param name="RunId">The run.</param>
/// <param name="Dataset">The validated dataset.</param>
/// <param name="Schema">Its schema.</param>
/// <param name="PrimaryMetric">The spec's metric, as validation accepted it; null for the task's default.</param>
/// <param name="Mitigations">Kinds of the data report's mitigations (class weights for imbalance).</param>
public sealed record PlanSearchInput(string RunId, DatasetRef Dataset, DatasetSchema Schema, string? PrimaryMetric, IReadOnlyList<string> Mitigations);
