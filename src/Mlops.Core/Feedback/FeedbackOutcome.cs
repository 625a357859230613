using Mlops.Core.Errors;

namespace Mlops.Core.Feedback;

/// <summary>What became of one label: accepted (and joined to its experiment, if any), or refused with the reason.</summary>
/// <param name="PredictionId">The prediction the label is for.</param>
/// <param name="Label">The label as recorded.</param>
/// <param name="Error">Null when accepted; otherwise why not (unknown prediction, a label the model cannot have).</param>
public sealed record FeedbackOutcome(string PredictionId, string Label, MlopsException? Error)
{
    public bool Accepted => Error is null;

    /// <summary>The experiment the label was scored for; null outside experiments.</summary>
    public string? ExperimentId { get; init; }

    /// <summary>The prediction was not in the log yet (it is written in the background); the label is joined when it is.</summary>
    public bool Pending { get; init; }
}
