namespace Mlops.Core.Monitoring;

/// <summary>Something monitoring did about a window: an alert, or a retraining run it started.</summary>
public sealed record MonitoringAction(DateTimeOffset At, string Kind, string? RunId, string Reason)
{
    public const string Alert = "alert";

    public const string Retrain = "retrain";
}
