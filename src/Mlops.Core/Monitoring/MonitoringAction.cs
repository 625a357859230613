namespace Mlops.Core.Monitoring;

/// <summary>
/// Something monitoring did about a window: an alert, a retraining run it started, or a scheduled one it skipped. A
/// retraining run's <see cref="RunId"/> is null while its window is pending.
/// </summary>
public sealed record MonitoringAction(DateTimeOffset At, string Kind, string? RunId, string Reason)
{
    /// <summary>For an alert, why it is not a retraining run: one of <see cref="AlertCauses"/>; null otherwise.</summary>
    public string? Cause { get; init; }

    /// <summary>For a retraining run, what asked for it (one of <see cref="RetrainKinds"/>); null otherwise.</summary>
    public string? Trigger { get; init; }

    /// <summary>For a retraining run, the labelled predictions its set adds to the champion's data; null otherwise.</summary>
    public long? Added { get; init; }

    public const string Alert = "alert";

    public const string Retrain = "retrain";

    /// <summary>A scheduled retraining that found no new labelled data: recorded, not alerted.</summary>
    public const string Skipped = "skipped";
}
