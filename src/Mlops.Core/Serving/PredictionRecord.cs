namespace Mlops.Core.Serving;

/// <summary>One served prediction, logged so that feedback can join it by id and monitoring can read it.</summary>
public sealed record PredictionRecord(
    string Model,
    string PredictionId,
    int Version,
    string Variant,
    DateTimeOffset Timestamp,
    string FeaturesJson,
    string Prediction,
    double? Score,
    string? EntityId)
{
    /// <summary>The experiment whose split (or shadow) chose this variant; null outside experiments.</summary>
    public string? ExperimentId { get; init; }
}
