namespace Mlops.Core.Evaluation;

/// <summary>
/// How much the holdout metric worsens when one input column's values are shuffled across rows: positive means the
/// model relies on the column; about zero, that it does not.
/// </summary>
/// <param name="Feature">The input column.</param>
/// <param name="Importance">The mean worsening over repeats, in the metric's units (positive is worse, whatever its direction).</param>
/// <param name="StandardDeviation">Its spread over repeats.</param>
public sealed record FeatureImportance(string Feature, double Importance, double StandardDeviation);
