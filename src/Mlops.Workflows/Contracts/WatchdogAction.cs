namespace Mlops.Workflows.Contracts;

/// <summary>What the watchdog did to one stalled run: restarted it (with the attempt) or stopped it for good.</summary>
public sealed record WatchdogAction(string RunId, bool Restarted, int? Attempt, string Reason);
