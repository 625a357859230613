namespace Mlops.Cli.Api.Contracts;

/// <summary>GET /api/runs/{runId}: the fields the command line shows.</summary>
public sealed record RunView(
    string RunId,
    string Model,
    string? Dataset,
    string Status,
    IReadOnlyList<StageView>? Stages,
    int? Version,
    bool Promoted,
    string? Reason)
{
    public SearchView? Search { get; init; }

    public TriggerView? Trigger { get; init; }

    public IReadOnlyList<FindingView>? Findings { get; init; }

    public string? ExperimentId { get; init; }

    /// <summary>True once the run cannot change any more.</summary>
    public bool IsFinished => RunStatuses.IsFinished(Status);
}
