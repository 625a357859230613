namespace Mlops.Functions.Http.Contracts;

/// <summary>One restart of a run, in GET /api/runs/{runId}: when, by whom (manual or automatic), why, and the attempt it began.</summary>
public sealed record RestartView(DateTimeOffset At, string Kind, string Reason, int Attempt);
