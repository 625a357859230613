namespace Mlops.Core.Experiments;

/// <summary>Both variants' serving tallies at a look.</summary>
public sealed record ExperimentServing(VariantServing Champion, VariantServing Challenger)
{
    public static ExperimentServing None { get; } = new(default, default);

    /// <summary>
    /// This tally with one served prediction counted. A row the champion answered for a failed challenger counts as the
    /// champion's answer and as the challenger's failure.
    /// </summary>
    public ExperimentServing With(string variant, double? latencyMs, bool challengerFailed)
    {
        var answeredByChallenger = variant == Registry.Aliases.Challenger;
        if (challengerFailed)
        {
            return answeredByChallenger
                ? this with { Challenger = Challenger.Failed() }
                : new ExperimentServing(Champion.Answered(latencyMs), Challenger.Failed());
        }

        return answeredByChallenger
            ? this with { Challenger = Challenger.Answered(latencyMs) }
            : this with { Champion = Champion.Answered(latencyMs) };
    }

    public ExperimentServing Add(ExperimentServing other) => new(
        new VariantServing(Champion.Errors.Add(other.Champion.Errors), Champion.LatencyMs.Add(other.Champion.LatencyMs)),
        new VariantServing(Challenger.Errors.Add(other.Challenger.Errors), Challenger.LatencyMs.Add(other.Challenger.LatencyMs)));
}
