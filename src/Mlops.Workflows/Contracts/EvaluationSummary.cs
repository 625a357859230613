namespace Mlops.Workflows.Contracts;

/// <summary>The candidate against the champion on the same holdout, and what that means for promotion.</summary>
public sealed record EvaluationSummary(
    IReadOnlyDictionary<string, double> ChallengerMetrics,
    int? ChampionVersion,
    IReadOnlyDictionary<string, double>? ChampionMetrics,
    bool ShouldPromote,
    string Reason);
