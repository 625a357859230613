namespace Mlops.Cli.Api.Contracts;

/// <summary>How an experiment ended, when and why.</summary>
public sealed record ExperimentDecisionView(string Outcome, DateTimeOffset At, string Reason);
