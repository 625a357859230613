using Mlops.Core.Evaluation;

namespace Mlops.Core.Training.Search;

/// <summary>How trials compare on the primary metric: the one ordering promotion, early stopping and selection share.</summary>
internal static class TrialRanking
{
    /// <summary>
    /// Differences smaller than this share of the best value are noise on any data a CSV upload holds (a ten-thousandth
    /// of an AUC or of an RMSE): such trials tie, and the smaller model wins.
    /// </summary>
    public const double RelativeTieTolerance = 1e-4;

    /// <summary>Completed trials, best first; equal values go to the smaller model, then to the earlier trial.</summary>
    public static IEnumerable<TrialResult> BestFirst(IEnumerable<TrialResult> trials, string metric)
    {
        var completed = trials.Where(t => t.Completed(metric) is not null);
        var ordered = PrimaryMetric.IsHigherBetter(metric)
            ? completed.OrderByDescending(t => t.Metrics[metric])
            : completed.OrderBy(t => t.Metrics[metric]);
        return ordered.ThenBy(t => t.ModelSize).ThenBy(t => t.Index);
    }

    /// <summary>True when <paramref name="value"/> is strictly worse than <paramref name="reference"/>.</summary>
    public static bool IsWorse(double value, double reference, string metric) =>
        PrimaryMetric.IsHigherBetter(metric) ? value < reference : value > reference;

    public static double TieTolerance(double best) => RelativeTieTolerance * Math.Max(Math.Abs(best), double.Epsilon);

    /// <summary><paramref name="value"/> moved by the tie tolerance towards worse: anything worse than that cannot tie it.</summary>
    public static double BeyondTie(double value, string metric) =>
        PrimaryMetric.IsHigherBetter(metric) ? value - TieTolerance(value) : value + TieTolerance(value);
}
