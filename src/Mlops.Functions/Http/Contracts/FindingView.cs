namespace Mlops.Functions.Http.Contracts;

/// <summary>One finding of a run's validation, with what the run did about it (ARCHITECTURE.md, v1 additions).</summary>
public sealed record FindingView(string Rule, string Severity, string? Column, double? Observed, double? Threshold, string Message, string? Mitigation);
