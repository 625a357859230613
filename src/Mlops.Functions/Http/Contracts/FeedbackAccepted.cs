namespace Mlops.Functions.Http.Contracts;

public sealed record FeedbackAccepted(string Model, string PredictionId, string Label);
