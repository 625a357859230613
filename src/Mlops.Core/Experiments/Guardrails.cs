using System.Globalization;

namespace Mlops.Core.Experiments;

/// <summary>
/// The challenger's error rate and scoring latency against the champion's, read with the same always-valid test as the
/// outcome metric, so they can be checked at every look; a broken guardrail rolls the challenger back whatever its
/// accuracy, because a model that fails or stalls requests costs users before any label arrives.
/// </summary>
public static class Guardrails
{
    public const string ErrorRate = "errorRate";

    public const string LatencyMs = "latencyMs";

    /// <summary>Predictions each variant needs before a guardrail is read: fewer say little even about a failure rate.</summary>
    public const int MinPredictions = 30;

    public static IReadOnlyList<GuardrailReading> Read(PromotionSettings settings, ExperimentServing serving, IReadOnlyList<GuardrailReading>? previous)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(serving);
        return
        [
            Reading(ErrorRate, serving.Champion.Errors, serving.Challenger.Errors, settings.MaxErrorRateIncrease, settings.Alpha, previous),
            Reading(LatencyMs, serving.Champion.LatencyMs, serving.Challenger.LatencyMs, settings.MaxLatencyIncreaseMs, settings.Alpha, previous),
        ];
    }

    /// <summary>The sentence a rollback by <paramref name="reading"/> records.</summary>
    public static string Explain(GuardrailReading reading, ExperimentServing serving)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(serving);
        return reading.Name == ErrorRate
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Guardrail {ErrorRate} broken: the challenger failed {serving.Challenger.Errors.Sum:0} of {serving.Challenger.Predictions} predictions ({reading.Challenger:P1}) against the champion's {reading.Champion:P1}, more than the {reading.Limit:P1} allowed (always-valid lower bound of the increase {reading.Test!.Lower:P1}); the champion answered those requests.")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Guardrail {LatencyMs} broken: the challenger scores in {reading.Challenger:0.###} ms on average against the champion's {reading.Champion:0.###} ms, more than {reading.Limit:0.###} ms slower (always-valid lower bound of the increase {reading.Test!.Lower:0.###} ms).");
    }

    private static GuardrailReading Reading(string name, VariantTally champion, VariantTally challenger, double limit, double alpha, IReadOnlyList<GuardrailReading>? previous)
    {
        var before = previous?.FirstOrDefault(r => r.Name == name)?.Test;
        var test = champion.Count >= MinPredictions && challenger.Count >= MinPredictions
            ? SequentialTest.Look(champion, challenger, alpha, before)
            : null;
        var (championValue, challengerValue) = (Value(champion), Value(challenger));
        return new GuardrailReading(name, championValue, challengerValue, limit, test, test is { Significant: true } && test.Lower > limit);
    }

    private static double Value(VariantTally tally) => tally.Count > 0 ? tally.Mean : 0;
}
