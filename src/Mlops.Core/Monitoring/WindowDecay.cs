namespace Mlops.Core.Monitoring;

/// <summary>
/// A window's decay: the champion's metric over the window's labelled predictions with its interval, the metric it
/// was registered with (its holdout) as the baseline, and whether the interval says it is worse or the change detector
/// on the per-prediction error stream fired.
/// </summary>
public sealed record WindowDecay(string Metric, double? Value, double? Lower, double? Upper, long Labelled, double? Baseline, bool Detected)
{
    /// <summary>Page-Hinkley's reading of the error stream after this window.</summary>
    public bool ChangeDetected { get; init; }
}
