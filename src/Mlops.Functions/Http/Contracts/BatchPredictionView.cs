namespace Mlops.Functions.Http.Contracts;

public sealed record BatchPredictionView(IReadOnlyList<PredictionView> Predictions);
