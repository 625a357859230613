using System.Globalization;
using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>Decides whether a challenger replaces the champion, on the task's primary metric over the same holdout.</summary>
public static class PromotionPolicy
{
    /// <param name="task">The task, which names the primary metric.</param>
    /// <param name="challenger">The challenger's holdout metrics.</param>
    /// <param name="championVersion">The current champion's version; null when the model has none yet.</param>
    /// <param name="champion">The champion scored on the challenger's holdout; null or a problem when it could not be.</param>
    /// <param name="metric">The metric the spec selects by; null for the task's primary metric.</param>
    public static PromotionDecision Decide(MlTask task, IReadOnlyDictionary<string, double> challenger, int? championVersion, EvaluationResult? champion, string? metric = null)
    {
        ArgumentNullException.ThrowIfNull(challenger);
        metric ??= PrimaryMetric.For(task);
        var name = PrimaryMetric.DisplayName(metric);
        if (!challenger.TryGetValue(metric, out var mine))
        {
            throw new ArgumentException($"The challenger's metrics have no '{metric}', the primary metric of {task}.", nameof(challenger));
        }

        if (championVersion is not { } version)
        {
            return new(true, $"No champion yet, so the first model is promoted with {name} {Format(mine)} on its holdout.");
        }

        if (champion?.Metrics is null || !champion.Metrics.TryGetValue(metric, out var theirs) || double.IsNaN(theirs))
        {
            // Keeping a champion that cannot read current data would leave nothing that can serve it.
            var problem = champion?.Problem ?? $"it has no {name} on this holdout.";
            return new(true, $"Champion v{version} could not be scored on this holdout, so the challenger ({name} {Format(mine)}) is promoted. {problem}");
        }

        var (ours, theirsText) = FormatPair(mine, theirs);
        var direction = PrimaryMetric.IsHigherBetter(metric) ? string.Empty : " (lower is better)";
        var better = PrimaryMetric.IsHigherBetter(metric) ? mine > theirs : mine < theirs;
        if (better)
        {
            return new(true, $"Challenger {name} {ours} beats champion v{version} {name} {theirsText}{direction} on the same holdout.");
        }

        // A tie keeps the champion: replacing a model costs a rollout and gains nothing measurable.
        return mine.Equals(theirs)
            ? new(false, $"Challenger {name} {ours} only ties champion v{version} {name} {theirsText} on the same holdout, so the champion stays.")
            : new(false, $"Challenger {name} {ours} does not beat champion v{version} {name} {theirsText}{direction} on the same holdout, so the champion stays.");
    }

    private static string Format(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>Three decimals, or as many more as it takes for two different numbers not to read the same.</summary>
    private static (string A, string B) FormatPair(double a, double b)
    {
        for (var decimals = 3; ; decimals++)
        {
            var format = "F" + decimals.ToString(CultureInfo.InvariantCulture);
            var (x, y) = (a.ToString(format, CultureInfo.InvariantCulture), b.ToString(format, CultureInfo.InvariantCulture));
            if (x != y || a.Equals(b) || decimals == 15)
            {
                return (x, y);
            }
        }
    }
}
