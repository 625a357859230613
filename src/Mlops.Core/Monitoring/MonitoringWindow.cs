namespace Mlops.Core.Monitoring;

/// <summary>
/// One closed window of a model's predictions (GET /api/models/{model}/monitoring, ARCHITECTURE.md v1 additions): the
/// champion's predictions made in [From, To), each feature's and the prediction's drift against the champion's data
/// contract, and the decay of its metric over the labels joined so far.
/// </summary>
public sealed record MonitoringWindow(
    string Id,
    string Model,
    int Version,
    DateTimeOffset From,
    DateTimeOffset To,
    long Rows,
    string Status,
    WindowDrift Drift,
    WindowDecay? Decay)
{
    public const string Judged = "judged";

    public const string Insufficient = "insufficient";

    /// <summary>What the window led to: alerts, retraining runs and skipped scheduled retrainings.</summary>
    public IReadOnlyList<MonitoringAction> Actions { get; init; } = [];

    /// <summary>The drift and decay the window declared, each a registry event.</summary>
    public IReadOnlyList<MonitoringDetection> Detections { get; init; } = [];

    /// <summary>
    /// True from the moment the window is stored until its events are appended and its actions carried out (a retraining
    /// run's id is known then): the window is stored first so that two passes cannot both act on the same rows.
    /// </summary>
    public bool Pending { get; init; }
}
