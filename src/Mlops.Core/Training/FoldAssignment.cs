namespace Mlops.Core.Training;

/// <summary>Where a row falls in k-fold cross-validation.</summary>
/// <param name="Fold">The fold the row is validated in, 0 to k - 1.</param>
/// <param name="Rank">Its place in its stratum's seeded order; a subsample of share f keeps the ranks below f times <paramref name="StratumSize"/>.</param>
/// <param name="StratumSize">Rows in its stratum (its class, or all rows for regression).</param>
public readonly record struct FoldAssignment(int Fold, int Rank, int StratumSize);
