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
    string? Reason);
