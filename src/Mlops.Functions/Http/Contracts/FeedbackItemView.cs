namespace Mlops.Functions.Http.Contracts;

/// <summary>One item of a bulk feedback answer: accepted, or refused with the status it would have had alone and why.</summary>
public sealed record FeedbackItemView(string PredictionId, string? Label, bool Accepted, int Status, string? Error)
{
    /// <summary>True when the prediction was still on its way to the log: the label is kept and joined when it lands.</summary>
    public bool Pending { get; init; }
}
