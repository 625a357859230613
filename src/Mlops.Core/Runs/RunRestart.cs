namespace Mlops.Core.Runs;

/// <summary>One restart of a run: when, by whom, why, and the attempt it started.</summary>
public sealed record RunRestart(DateTimeOffset At, RestartKind Kind, string Reason, int Attempt);
