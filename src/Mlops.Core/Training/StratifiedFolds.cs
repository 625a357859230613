using Mlops.Core.Datasets.Columnar;

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

    /// <param name="data">The dataset.</param>
    /// <param name="rows">The rows to deal (the training side of the split).</param>
    /// <param name="folds">k, at least 2.</param>
    /// <param name="seed">The run's seed.</param>
    /// <returns>Each row's assignment, aligned with <paramref name="rows"/>.</returns>
    public static IReadOnlyList<FoldAssignment> Assign(ColumnarDataset data, IReadOnlyList<int> rows, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var positions = new Dictionary<int, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            positions[rows[i]] = i;
        }

        var assignments = new FoldAssignment[rows.Count];
        foreach (var members in Strata.Of(data, rows))
        {
            var ranked = members.Select(r => (Hash: HoldoutSplit.Rank(data.Digests[r], seed ^ Salt), Row: r)).Order().ToList();
            for (var rank = 0; rank < ranked.Count; rank++)
            {
                assignments[positions[ranked[rank].Row]] = new FoldAssignment(rank % folds, rank, ranked.Count);
            }
        }

        return assignments;
    }

    /// <summary>Whether a row is kept in a subsample of <paramref name="budget"/> of its stratum (at least one row per stratum).</summary>
    public static bool InSubsample(FoldAssignment row, double budget) =>
        budget >= 1 || row.Rank < Math.Max(1, (int)Math.Ceiling(budget * row.StratumSize));
}
