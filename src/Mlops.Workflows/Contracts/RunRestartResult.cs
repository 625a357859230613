namespace Mlops.Workflows.Contracts;

/// <summary>A restart that was started: the run, the attempt it began and why.</summary>
public sealed record RunRestartResult(string RunId, int Attempt, string Reason);
