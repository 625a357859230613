namespace Mlops.Core.Evaluation;

/// <summary>Two versions scored on one holdout, each metric's difference with its paired interval, or why they could not be.</summary>
/// <param name="Rows">Holdout rows both versions were scored on.</param>
/// <param name="Differences">Per metric, B − A on the shared rows; empty when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">Why no interval could be computed (a version cannot read the data, the dataset is gone).</param>
public sealed record SharedHoldoutComparison(int Rows, IReadOnlyDictionary<string, MetricDifference> Differences, string? Problem)
{
    public static SharedHoldoutComparison Failed(string problem) => new(0, new Dictionary<string, MetricDifference>(), problem);
}
