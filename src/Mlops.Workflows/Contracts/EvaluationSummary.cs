using Mlops.Core.Evaluation;
using Mlops.Core.Experiments;

namespace Mlops.Workflows.Contracts;

/// <summary>The candidate against the champion on the same holdout, and what that means for promotion.</summary>
public sealed record EvaluationSummary(
    IReadOnlyDictionary<string, double> ChallengerMetrics,
    int? ChampionVersion,
    IReadOnlyDictionary<string, double>? ChampionMetrics,
    bool ShouldPromote,
    string Reason)
{
    /// <summary>Each gate's verdict (pipeline version 2); empty under version 1.</summary>
    public IReadOnlyList<GateResult> Gates { get; init; } = [];

    /// <summary>
    /// The run's evaluation.json (baseline, comparison, confusion matrix, per-class metrics, feature importance),
    /// kept in blob storage rather than in the orchestration history; null under version 1.
    /// </summary>
    public string? EvaluationPath { get; init; }

    /// <summary>The spec's promotion settings when the evaluation ran (pipeline version 3): how a passing version is promoted.</summary>
    public PromotionSettings? Promotion { get; init; }
}
