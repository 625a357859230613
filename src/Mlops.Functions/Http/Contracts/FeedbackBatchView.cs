namespace Mlops.Functions.Http.Contracts;

/// <summary>POST /api/models/{model}/feedback with <c>{"feedback":[...]}</c>: every item's outcome, in request order.</summary>
public sealed record FeedbackBatchView(string Model, int Accepted, IReadOnlyList<FeedbackItemView> Results);
