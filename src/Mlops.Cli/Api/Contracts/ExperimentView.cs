namespace Mlops.Cli.Api.Contracts;

/// <summary>GET /api/models/{model}/experiments/{id}: the fields the command line shows.</summary>
public sealed record ExperimentView(
    string Id,
    string Model,
    string Strategy,
    string Status,
    double Traffic,
    string Metric,
    ExperimentVariantView Champion,
    ExperimentVariantView Challenger,
    ExperimentDifferenceView? Difference,
    ExperimentDecisionView? Decision)
{
    public DateTimeOffset StartedAt { get; init; }
}
