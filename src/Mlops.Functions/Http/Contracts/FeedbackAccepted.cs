namespace Mlops.Functions.Http.Contracts;

public sealed record FeedbackAccepted(string Model, string PredictionId, string Label)
{
    /// <summary>True when the prediction was still on its way to the log: the label is kept and joined when it lands.</summary>
    public bool Pending { get; init; }
}
