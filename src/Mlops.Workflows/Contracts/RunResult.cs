using Mlops.Core.Evaluation;

namespace Mlops.Workflows.Contracts;

/// <summary>The orchestration's output.</summary>
/// <param name="Status">Completed, Quarantined or Failed.</param>
/// <param name="Version">The registered version, if the run got that far.</param>
/// <param name="Promoted">Whether the version became champion.</param>
/// <param name="Reason">A sentence a person understands: why quarantined, why (not) promoted, what failed.</param>
public sealed record RunResult(RunStatus Status, int? Version, bool Promoted, string Reason)
{
    /// <summary>Each evaluation gate's verdict; empty when the run did not reach a gated evaluation.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>The A/B experiment the run started for its version; null when it promoted (or not) on the holdout.</summary>
    public string? ExperimentId { get; init; }

    public static RunResult Quarantined(string reason) => new(RunStatus.Quarantined, null, false, reason);

    public static RunResult Failed(string reason, int? version = null) => new(RunStatus.Failed, version, false, reason);
}
