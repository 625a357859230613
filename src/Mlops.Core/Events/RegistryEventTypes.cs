namespace Mlops.Core.Events;

/// <summary>The stable event types (ARCHITECTURE.md, v1 additions).</summary>
public static class RegistryEventTypes
{
    public const string VersionRegistered = "version.registered";
    public const string AliasMoved = "alias.moved";

    /// <summary>Retention deleted a version's artifacts and row; the event and the row's deletion are one transaction.</summary>
    public const string VersionDeleted = "version.deleted";
    public const string GateFailed = "gate.failed";
    public const string ExperimentStarted = "experiment.started";
    public const string ExperimentDecided = "experiment.decided";
    public const string DriftDetected = "drift.detected";
    public const string DecayDetected = "decay.detected";
    public const string RetrainStarted = "retrain.started";
    public const string Alert = "alert";

    /// <summary>Every type, for checking a webhook's subscription.</summary>
    public static IReadOnlyList<string> All { get; } =
        [VersionRegistered, AliasMoved, GateFailed, ExperimentStarted, ExperimentDecided, DriftDetected, DecayDetected, RetrainStarted, Alert];
}
