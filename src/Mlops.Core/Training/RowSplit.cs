namespace Mlops.Core.Training;

/// <summary>A dataset's rows (indexes, in row order) on each side of the holdout split.</summary>
public sealed record RowSplit(int[] Training, int[] Holdout);
