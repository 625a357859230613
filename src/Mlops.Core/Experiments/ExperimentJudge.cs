using System.Globalization;

namespace Mlops.Core.Experiments;

/// <summary>
/// Decides an experiment at a look. The challenger is promoted (or awaits approval) when the always-valid interval of
/// its improvement clears <see cref="PromotionSettings.MinImprovement"/> with at least <see cref="PromotionSettings.MinSamples"/>
/// labelled outcomes per variant; it is rolled back as soon as the interval says it is worse, however few the samples,
/// since every further request it serves costs users, and as soon as a guardrail (error rate, latency) breaks; the
/// experiment ends Inconclusive at the sample or day cap.
/// </summary>
public static class ExperimentJudge
{
    public static ExperimentVerdict Judge(Experiment experiment, VariantTally champion, VariantTally challenger, ExperimentServing serving, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        ArgumentNullException.ThrowIfNull(serving);
        var settings = experiment.Settings;
        var last = experiment.Looks.Count > 0 ? experiment.Looks[^1] : null;
        var test = SequentialTest.Look(champion, challenger, settings.Alpha, last?.Test);
        var guardrails = Guardrails.Read(settings, serving, last?.Guardrails);
        var look = new ExperimentLook(now, serving.Champion.Predictions, serving.Challenger.Predictions, champion, challenger, test) { Guardrails = guardrails };
        if (guardrails.FirstOrDefault(g => g.Broken) is { } broken)
        {
            return new ExperimentVerdict(look, ExperimentStatuses.RolledBack, Guardrails.Explain(broken, serving));
        }

        var higher = ExperimentMetrics.IsHigherBetter(experiment.Metric);
        if (test is { Significant: true })
        {
            // The improvement in the metric's better direction: positive when the challenger is better, squared error too.
            var (lower, upper) = higher ? (test.Lower, test.Upper) : (-test.Upper, -test.Lower);
            if (upper < 0)
            {
                return new ExperimentVerdict(look, ExperimentStatuses.RolledBack, Sentence(experiment, test, champion, challenger, "is worse than"));
            }

            var enough = champion.Count >= settings.MinSamples && challenger.Count >= settings.MinSamples;
            if (enough && lower > settings.MinImprovement)
            {
                return settings.RequireApproval
                    ? new ExperimentVerdict(look, ExperimentStatuses.AwaitingApproval, Sentence(experiment, test, champion, challenger, "beats") + " It waits for approval.")
                    : new ExperimentVerdict(look, ExperimentStatuses.Promoted, Sentence(experiment, test, champion, challenger, "beats"));
            }
        }

        if (Math.Min(champion.Count, challenger.Count) >= settings.MaxSamples)
        {
            return new ExperimentVerdict(look, ExperimentStatuses.Inconclusive, string.Create(
                CultureInfo.InvariantCulture,
                $"Both variants reached {settings.MaxSamples} labelled outcomes without a decision at alpha {settings.Alpha}; the champion stays."));
        }

        if ((now - experiment.StartedAt).TotalDays >= settings.MaxDays)
        {
            return new ExperimentVerdict(look, ExperimentStatuses.Inconclusive, string.Create(
                CultureInfo.InvariantCulture,
                $"{settings.MaxDays} days passed without a decision at alpha {settings.Alpha}; the champion stays."));
        }

        return new ExperimentVerdict(look, null, "Not decided yet.");
    }

    private static string Sentence(Experiment experiment, SequentialLook test, VariantTally champion, VariantTally challenger, string verb) => string.Create(
        CultureInfo.InvariantCulture,
        $"Challenger v{experiment.ChallengerVersion} {verb} champion v{experiment.ChampionVersion} on {experiment.Metric}: {challenger.Mean:0.####} against {champion.Mean:0.####} over {challenger.Count} and {champion.Count} labelled predictions (difference {test.Estimate:0.####}, always-valid {1 - experiment.Settings.Alpha:P0} interval {test.Lower:0.####} to {test.Upper:0.####}, p {test.PValue:0.####}).");
}
