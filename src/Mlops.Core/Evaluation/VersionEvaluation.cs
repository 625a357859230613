namespace Mlops.Core.Evaluation;

/// <summary>
/// What the evaluate stage learned about a candidate, kept with the version as evaluation.json: its gates, the
/// baseline it had to beat, the comparison with the champion, its confusion matrix and per-class metrics
/// (classifiers) and the permutation importance of each input column.
/// </summary>
/// <param name="Metric">The selection metric.</param>
/// <param name="HoldoutRows">Rows every number here was computed on.</param>
/// <param name="Metrics">The candidate's holdout metrics.</param>
/// <param name="Baseline">What the trivial baseline scores on the same rows.</param>
/// <param name="Comparison">The selection metric against the champion (or the baseline), with its paired interval.</param>
/// <param name="Gates">Each gate's verdict.</param>
/// <param name="Promote">Whether every gate passed.</param>
/// <param name="Reason">The verdict as a sentence.</param>
public sealed record VersionEvaluation(
    string Metric,
    int HoldoutRows,
    IReadOnlyDictionary<string, double> Metrics,
    BaselineScore Baseline,
    MetricDifference Comparison,
    IReadOnlyList<GateResult> Gates,
    bool Promote,
    string Reason)
{
    /// <summary>Null for regression.</summary>
    public ConfusionMatrix? ConfusionMatrix { get; init; }

    /// <summary>Empty for regression.</summary>
    public IReadOnlyList<ClassMetrics> PerClass { get; init; } = [];

    /// <summary>Most important first.</summary>
    public IReadOnlyList<FeatureImportance> Importance { get; init; } = [];

    /// <summary>The champion the candidate was compared with; null when the baseline stood in.</summary>
    public int? ChampionVersion { get; init; }
}
