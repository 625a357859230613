namespace Mlops.Core.Runs;

/// <summary>
/// What the orchestration's own state does not hold about a run: the last sign of life from its activities, its
/// restarts, and why the watchdog gave up on it.
/// </summary>
/// <param name="LastHeartbeat">When a running activity of the run last said it was alive.</param>
/// <param name="HeartbeatActivity">Which activity that was.</param>
/// <param name="Restarts">Every restart, oldest first.</param>
/// <param name="StoppedReason">Set when the watchdog stopped the run for good.</param>
public sealed record RunJournal(
    string Model,
    string RunId,
    DateTimeOffset? LastHeartbeat,
    string? HeartbeatActivity,
    IReadOnlyList<RunRestart> Restarts,
    string? StoppedReason)
{
    public static RunJournal Empty(string model, string runId) => new(model, runId, null, null, [], null);

    /// <summary>The attempt running now: the first, or the one the latest restart started.</summary>
    public int Attempt => Restarts.Count == 0 ? 1 : Restarts[^1].Attempt;

    public int AutomaticRestarts => Restarts.Count(r => r.Kind == RestartKind.Automatic);
}
