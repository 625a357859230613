namespace Mlops.Core.Serving;

/// <summary>One model answer.</summary>
/// <param name="Label">The predicted class, or for regression the predicted number as invariant text.</param>
/// <param name="Score">Binary: probability of the positive class; multiclass: the winning class's probability; regression: the value.</param>
/// <param name="Probabilities">Classification: probability per class label; regression: null.</param>
public sealed record Prediction(string Label, double? Score, IReadOnlyDictionary<string, double>? Probabilities);
