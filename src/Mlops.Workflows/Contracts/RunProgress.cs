namespace Mlops.Workflows.Contracts;

/// <summary>The orchestration's custom status: what each stage is doing, read by GET /api/runs/{runId}.</summary>
public sealed record RunProgress(IReadOnlyList<StageProgress> Stages);
