namespace Mlops.Core.Experiments;

/// <summary>
/// A challenger on live traffic against the champion (GET /api/models/{model}/experiments/{id}): what it compares,
/// how traffic is split, every look and the decision.
/// </summary>
/// <param name="Id">Unique; also the instance id of the experiment's orchestration.</param>
/// <param name="Model">The model.</param>
/// <param name="Strategy"><see cref="PromotionStrategies.Ab"/> or <see cref="PromotionStrategies.Shadow"/>.</param>
/// <param name="Status">One of <see cref="ExperimentStatuses"/>.</param>
/// <param name="Traffic">The challenger's share of requests (ab); 0 once the experiment has ended.</param>
/// <param name="Metric">The per-prediction score the test reads: <see cref="ExperimentMetrics"/>.</param>
/// <param name="ChampionVersion">The champion when the experiment started.</param>
/// <param name="ChallengerVersion">The version on trial.</param>
/// <param name="Salt">Mixed into each entity's hash, so experiments split users independently of one another.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Settings">The promotion settings it runs under.</param>
public sealed record Experiment(
    string Id,
    string Model,
    string Strategy,
    string Status,
    double Traffic,
    string Metric,
    int ChampionVersion,
    int ChallengerVersion,
    string Salt,
    DateTimeOffset StartedAt,
    PromotionSettings Settings)
{
    /// <summary>"run {runId}" or "manual".</summary>
    public string StartedBy { get; init; } = "manual";

    /// <summary>Every look, oldest first.</summary>
    public IReadOnlyList<ExperimentLook> Looks { get; init; } = [];

    public ExperimentDecision? Decision { get; init; }
}
