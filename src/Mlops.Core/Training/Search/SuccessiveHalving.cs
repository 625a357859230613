namespace Mlops.Core.Training.Search;

/// <summary>
/// Successive halving (Jamieson and Talwalkar, 2016): start many configurations on a small budget and promote the
/// best 1/factor of each rung to a budget factor times larger, so most compute goes to the promising ones.
/// </summary>
public static class SuccessiveHalving
{
    /// <summary>
    /// How many rungs the data affords: each rung has factor times fewer rows than the next, and none may have fewer
    /// than <paramref name="minRows"/>, which ranks configurations on noise.
    /// </summary>
    public static int Rungs(int foldTrainingRows, int minRows, int factor, int maxRungs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 2);
        var rungs = 1;
        var rows = (double)foldTrainingRows;
        while (rungs < maxRungs && rows / factor >= minRows)
        {
            rows /= factor;
            rungs++;
        }

        return rungs;
    }

    /// <summary>
    /// Trials per rung, first rung first: the largest first rung n whose rungs n, n/factor, n/factor²... (at least one
    /// each) fit in <paramref name="maxTrials"/>. Fewer rungs when the budget cannot give each rung a trial.
    /// </summary>
    public static IReadOnlyList<int> Schedule(int maxTrials, int rungs, int factor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrials, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rungs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(factor, 2);
        rungs = Math.Min(rungs, maxTrials);
        int[]? best = null;
        for (var first = 1; first <= maxTrials; first++)
        {
            var counts = Counts(first, rungs, factor);
            if (counts.Sum() > maxTrials)
            {
                break;
            }

            best = counts;
        }

        return best!;
    }

    /// <summary>The budget (share of rows) of each rung: factor^-(rungs-1), ..., 1/factor, 1.</summary>
    public static IReadOnlyList<double> Budgets(int rungs, int factor) =>
        [.. Enumerable.Range(0, rungs).Select(r => Math.Pow(factor, -(rungs - 1 - r)))];

    /// <summary>
    /// The configurations of <paramref name="count"/> completed trials of a rung, best first: each trainer's best goes
    /// on before any trainer's second, then the rest by rank. Small budgets favour the trainers that learn fastest
    /// (linear ones), not those that end best, so ranking alone would hand every later rung to one trainer.
    /// </summary>
    public static IReadOnlyList<TrialConfiguration> Promote(IReadOnlyList<TrialResult> rung, int count, string metric)
    {
        var ranked = TrialRanking.BestFirst(rung, metric).ToList();
        var leaders = ranked.DistinctBy(t => t.Configuration.Trainer, StringComparer.Ordinal).Take(count).ToHashSet();
        var chosen = leaders.Concat(ranked.Where(t => !leaders.Contains(t))).Take(count).ToHashSet();
        return [.. ranked.Where(chosen.Contains).Select(t => t.Configuration)];
    }

    private static int[] Counts(int first, int rungs, int factor)
    {
        var counts = new int[rungs];
        for (var r = 0; r < rungs; r++)
        {
            counts[r] = Math.Max(1, (int)(first / Math.Pow(factor, r)));
        }

        return counts;
    }
}
