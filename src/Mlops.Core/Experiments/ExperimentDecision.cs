namespace Mlops.Core.Experiments;

/// <summary>How an experiment ended: the status it ended in, when, and why in a sentence.</summary>
public sealed record ExperimentDecision(string Outcome, DateTimeOffset At, string Reason);
