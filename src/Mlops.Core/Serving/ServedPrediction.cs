namespace Mlops.Core.Serving;

/// <summary>One answer: what the model said, which version and variant said it, and the id feedback joins on.</summary>
public sealed record ServedPrediction(
    string Prediction,
    IReadOnlyDictionary<string, double>? Probabilities,
    double? Score,
    int Version,
    string Variant,
    string PredictionId);
