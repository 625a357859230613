namespace Mlops.Cli.Api.Contracts;

/// <summary>One run of GET /api/models/{model}/runs.</summary>
public sealed record RunSummary(string RunId, string Status, string? Dataset, TriggerView? Trigger, DateTimeOffset StartedAt, int? Version);
