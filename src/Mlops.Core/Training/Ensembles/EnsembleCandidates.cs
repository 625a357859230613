using Mlops.Core.Training.Search;

namespace Mlops.Core.Training.Ensembles;

/// <summary>The trials an ensemble may add to the search's winner.</summary>
public static class EnsembleCandidates
{
    /// <summary>
    /// Two partners at most: with the winner that makes three candidate pairs to score (three trials' worth of fits),
    /// and a pair costs at most twice its slower member to serve.
    /// </summary>
    public const int MaxPartners = 2;

    /// <summary>
    /// The best completed trial of each other trainer on the winner's budget, best first: trials of the winner's own
    /// trainer make errors too alike to gain much from averaging, and another trainer's best is its strongest voice.
    /// </summary>
    public static IReadOnlyList<TrialResult> Partners(IReadOnlyList<TrialResult> trials, TrialResult winner, string metric)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(winner);
        return
        [
            .. TrialRanking.BestFirst(trials.Where(t => t.Rung == winner.Rung && t.Status == TrialStatus.Completed), metric)
                .Where(t => !string.Equals(t.Configuration.Trainer, winner.Configuration.Trainer, StringComparison.Ordinal))
                .DistinctBy(t => t.Configuration.Trainer, StringComparer.Ordinal)
                .Take(MaxPartners),
        ];
    }
}
