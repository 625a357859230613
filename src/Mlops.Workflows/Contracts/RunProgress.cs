namespace Mlops.Workflows.Contracts;

/// <summary>The orchestration's custom status: what each stage is doing, read by GET /api/runs/{runId}.</summary>
public sealed record RunProgress(IReadOnlyList<StageProgress> Stages)
{
    /// <summary>The hyperparameter search's progress; null until the train stage plans it.</summary>
    public SearchStatus? Search { get; init; }
}
