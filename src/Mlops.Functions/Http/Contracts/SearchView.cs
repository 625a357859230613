namespace Mlops.Functions.Http.Contracts;

/// <summary>A run's hyperparameter search: trials done of planned, and the best so far.</summary>
/// <param name="TrialsDone">Trials finished, whatever their outcome.</param>
/// <param name="TrialsPlanned">The trial budget.</param>
/// <param name="TrialsFailed">Trials that failed (the search went on without them).</param>
/// <param name="TrialsStoppedEarly">Trials stopped as hopeless.</param>
/// <param name="Metric">The primary metric trials are ranked by.</param>
/// <param name="BestTrainer">The best trial's trainer so far; null before one completes.</param>
/// <param name="BestValue">Its primary metric, averaged over the validation folds.</param>
/// <param name="BestTrial">Its trial number.</param>
public sealed record SearchView(
    int TrialsDone,
    int TrialsPlanned,
    int TrialsFailed,
    int TrialsStoppedEarly,
    string Metric,
    string? BestTrainer,
    double? BestValue,
    int? BestTrial)
{
    /// <summary>Compute the finished trials took, summed; against the stage's wall time, what running them at once bought.</summary>
    public double TrialSeconds { get; init; }
}
