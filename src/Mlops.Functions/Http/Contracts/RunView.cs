using Mlops.Core.Evaluation;

namespace Mlops.Functions.Http.Contracts;

/// <summary>GET /api/runs/{runId}.</summary>
public sealed record RunView(
    string RunId,
    string Model,
    string? Dataset,
    string Status,
    IReadOnlyList<StageView> Stages,
    int? Version,
    bool Promoted,
    string? Reason)
{
    /// <summary>The train stage's search: progress while it runs, the final count after; null before it starts.</summary>
    public SearchView? Search { get; init; }

    /// <summary>1, or the attempt the latest restart began.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>Every restart, oldest first.</summary>
    public IReadOnlyList<RestartView> Restarts { get; init; } = [];

    /// <summary>What started the run; null for runs from before triggers were recorded.</summary>
    public TriggerView? Trigger { get; init; }

    /// <summary>Everything validation noticed, warnings of accepted data included, each with its mitigation.</summary>
    public IReadOnlyList<FindingView> Findings { get; init; } = [];

    /// <summary>Each evaluation gate's verdict, with the numbers (value, threshold, interval) behind it.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>The pipeline logic the run runs under (1: point-estimate promotion; 2: gates).</summary>
    public int PipelineVersion { get; init; } = 1;

    /// <summary>The A/B experiment the run started for its version, when its promotion strategy is ab or shadow.</summary>
    public string? ExperimentId { get; init; }
}
