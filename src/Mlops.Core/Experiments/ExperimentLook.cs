namespace Mlops.Core.Experiments;

/// <summary>
/// What one look saw: predictions and labelled outcomes per variant, their mean scores, the test's reading and the
/// guardrails'.
/// </summary>
public sealed record ExperimentLook(
    DateTimeOffset At,
    long ChampionPredictions,
    long ChallengerPredictions,
    VariantTally Champion,
    VariantTally Challenger,
    SequentialLook? Test)
{
    /// <summary>The error-rate and latency guardrails at this look; empty for looks recorded before they existed.</summary>
    public IReadOnlyList<GuardrailReading> Guardrails { get; init; } = [];
}
