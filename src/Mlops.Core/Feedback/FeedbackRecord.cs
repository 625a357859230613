namespace Mlops.Core.Feedback;

/// <summary>The true label for a served prediction, joined by prediction id.</summary>
public sealed record FeedbackRecord(string Model, string PredictionId, string Label, DateTimeOffset Timestamp);
