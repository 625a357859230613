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

    /// <summary>How long the model took to score this row, in milliseconds: what the latency guardrail compares.</summary>
    public double? LatencyMs { get; init; }

    /// <summary>
    /// Why the experiment's challenger could not answer this row (an A/B row the champion answered instead, or a shadow
    /// row that failed); counted against the challenger's error-rate guardrail. Null when it answered.
    /// </summary>
    public string? ChallengerError { get; init; }
}
