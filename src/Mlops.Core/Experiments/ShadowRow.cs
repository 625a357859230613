namespace Mlops.Core.Experiments;

/// <summary>One row the champion answered, for the shadow challenger to score under the same prediction id.</summary>
/// <param name="PredictionId">The champion's prediction id, which the shadow prediction is logged under.</param>
/// <param name="FeaturesJson">The row's features as the prediction log holds them (a JSON object).</param>
/// <param name="EntityId">The caller's entity id, when it sent one.</param>
public sealed record ShadowRow(string PredictionId, string FeaturesJson, string? EntityId);
