namespace Mlops.Functions.Http.Contracts;

/// <summary>One prediction. <paramref name="Prediction"/> is the class label, or the number for regression.</summary>
public sealed record PredictionView(
    object Prediction,
    IReadOnlyDictionary<string, double>? Probabilities,
    double? Score,
    int Version,
    string Variant,
    string PredictionId);
