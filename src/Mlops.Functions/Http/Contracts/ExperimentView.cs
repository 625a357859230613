using Mlops.Core.Experiments;

namespace Mlops.Functions.Http.Contracts;

/// <summary>GET /api/models/{model}/experiments/{id} (ARCHITECTURE.md, v1 additions).</summary>
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
    IReadOnlyList<ExperimentLook> Looks,
    ExperimentDecision? Decision)
{
    public DateTimeOffset StartedAt { get; init; }

    public string StartedBy { get; init; } = "manual";

    public PromotionSettings? Settings { get; init; }

    /// <summary>The error-rate and latency guardrails at the last look; empty before the first.</summary>
    public IReadOnlyList<GuardrailReading> Guardrails { get; init; } = [];
}
