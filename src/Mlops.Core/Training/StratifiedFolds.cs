using Mlops.Core.Datasets;

namespace Mlops.Core.Training;

/// <summary>
/// Assigns rows to k folds, stratified by class for classification: within each class rows are ordered by a seeded
/// hash of their content and dealt round-robin, so every fold holds each class in proportion and the same data and
/// seed always give the same folds.
/// </summary>
public static class StratifiedFolds
{
    // Folds are ordered by another hash than the run's holdout, so the two splits are independent.
    private const int Salt = 0x5F0F;

    /// <param name="rows">Labelled rows (a missing label is a class of its own).</param>
    /// <param name="labelColumn">The label's index in each row.</param>
    /// <param name="task">Classification stratifies by label; regression has one stratum.</param>
    /// <param name="folds">k, at least 2.</param>
    /// <param name="seed">The run's seed.</param>
    public static IReadOnlyList<FoldAssignment> Assign(IReadOnlyList<string[]> rows, int labelColumn, MlTask task, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var strata = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var key = task == MlTask.Regression ? string.Empty : (labelColumn < rows[i].Length ? rows[i][labelColumn].Trim() : string.Empty);
            if (!strata.TryGetValue(key, out var members))
            {
                strata[key] = members = [];
            }

            members.Add(i);
        }

        var assignments = new FoldAssignment[rows.Count];
        using var hash = new RowHash();
        foreach (var members in strata.Values)
        {
            var ranked = members.Select(i => (Hash: hash.Of(rows[i], seed ^ Salt), Index: i)).Order().ToList();
            for (var rank = 0; rank < ranked.Count; rank++)
            {
                assignments[ranked[rank].Index] = new FoldAssignment(rank % folds, rank, ranked.Count);
            }
        }

        return assignments;
    }

    /// <summary>Whether a row is kept in a subsample of <paramref name="budget"/> of its stratum (at least one row per stratum).</summary>
    public static bool InSubsample(FoldAssignment row, double budget) =>
        budget >= 1 || row.Rank < Math.Max(1, (int)Math.Ceiling(budget * row.StratumSize));
}
