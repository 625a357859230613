namespace Mlops.Cli.Api.Contracts;

/// <summary>The train stage's search: trials done of planned, and the best so far.</summary>
public sealed record SearchView(
    int TrialsDone,
    int TrialsPlanned,
    int TrialsFailed,
    int TrialsStoppedEarly,
    string Metric,
    string? BestTrainer,
    double? BestValue,
    int? BestTrial);
