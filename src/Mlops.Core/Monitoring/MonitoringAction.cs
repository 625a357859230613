namespace Mlops.Core.Monitoring;

/// <summary>Something monitoring did about a window: an alert, a retraining run it started, or a scheduled one it skipped.</summary>
public sealed record MonitoringAction(DateTimeOffset At, string Kind, string? RunId, string Reason)
{
    /// <summary>For an alert, why it is not a retraining run: one of <see cref="AlertCauses"/>; null otherwise.</summary>
    public string? Cause { get; init; }

    public const string Alert = "alert";

    public const string Retrain = "retrain";

    /// <summary>A scheduled retraining that found no new labelled data: recorded, not alerted.</summary>
    public const string Skipped = "skipped";
}
