using Mlops.Core.Experiments;
using Mlops.Functions.Http.Contracts;

namespace Mlops.Functions.Http;

/// <summary>An experiment as the experiments routes answer it: the stored state with its last look summarized.</summary>
public static class ExperimentViews
{
    public static ExperimentView From(Experiment experiment)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var last = experiment.Looks.Count > 0 ? experiment.Looks[^1] : null;
        return new ExperimentView(
            experiment.Id,
            experiment.Model,
            experiment.Strategy,
            experiment.Status,
            experiment.Traffic,
            experiment.Metric,
            new ExperimentVariantView(experiment.ChampionVersion, last?.ChampionPredictions ?? 0, last?.Champion.Count ?? 0, Value(last?.Champion)),
            new ExperimentVariantView(experiment.ChallengerVersion, last?.ChallengerPredictions ?? 0, last?.Challenger.Count ?? 0, Value(last?.Challenger)),
            last?.Test is { } test ? new ExperimentDifferenceView(test.Estimate, test.Lower, test.Upper, test.PValue) : null,
            experiment.Looks,
            experiment.Decision)
        {
            StartedAt = experiment.StartedAt,
            StartedBy = experiment.StartedBy,
            Settings = experiment.Settings,
            Guardrails = last?.Guardrails ?? [],
        };
    }

    private static double? Value(VariantTally? tally) => tally is { Count: > 0 } t ? t.Mean : null;
}
