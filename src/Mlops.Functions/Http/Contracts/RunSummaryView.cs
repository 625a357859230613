namespace Mlops.Functions.Http.Contracts;

/// <summary>One run in GET /api/models/{model}/runs, newest first.</summary>
public sealed record RunSummaryView(string RunId, string Status, string? Dataset, TriggerView? Trigger, DateTimeOffset StartedAt, int? Version);
