namespace Mlops.Core.Training.Search;

/// <summary>Picks the search's winner.</summary>
public static class TrialSelection
{
    /// <summary>
    /// The best completed trial on the largest budget any trial completed (smaller budgets are not comparable), by
    /// the primary metric; trials within <see cref="TrialRanking.RelativeTieTolerance"/> of the best tie, and a tie
    /// goes to the smaller model, then to the earlier trial. Null when no trial completed.
    /// </summary>
    public static TrialResult? Choose(IReadOnlyList<TrialResult> trials, string metric)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var completed = trials.Where(t => t.Completed(metric) is not null).ToList();
        if (completed.Count == 0)
        {
            return null;
        }

        var rung = completed.Max(t => t.Rung);
        var candidates = completed.Where(t => t.Rung == rung).ToList();
        var best = TrialRanking.BestFirst(candidates, metric).First().Metrics[metric];
        var tolerance = TrialRanking.TieTolerance(best);
        return candidates
            .Where(t => Math.Abs(t.Metrics[metric] - best) <= tolerance)
            .OrderBy(t => t.ModelSize)
            .ThenBy(t => t.Index)
            .First();
    }
}
