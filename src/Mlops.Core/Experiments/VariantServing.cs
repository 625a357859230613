namespace Mlops.Core.Experiments;

/// <summary>
/// How one variant served in an experiment: a 1/0 per prediction it was asked for (failed or answered) and the
/// scoring time of those it answered, as tallies the guardrails test like the outcome scores.
/// </summary>
public readonly record struct VariantServing(VariantTally Errors, VariantTally LatencyMs)
{
    /// <summary>Predictions the variant was asked for, answered or not.</summary>
    public long Predictions => Errors.Count;

    public VariantServing Answered(double? latencyMs) =>
        new(Errors.Add(0), latencyMs is { } ms && double.IsFinite(ms) ? LatencyMs.Add(ms) : LatencyMs);

    public VariantServing Failed() => this with { Errors = Errors.Add(1) };
}
