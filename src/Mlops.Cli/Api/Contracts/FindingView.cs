namespace Mlops.Cli.Api.Contracts;

/// <summary>One finding of a run's validation.</summary>
public sealed record FindingView(string Rule, string Severity, string? Column, string Message, string? Mitigation);
