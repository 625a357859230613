namespace Mlops.Workflows.Contracts;

/// <summary>The search's progress in the run's custom status.</summary>
/// <param name="TrialsDone">Trials finished, whatever their outcome.</param>
/// <param name="TrialsPlanned">The trial budget.</param>
/// <param name="TrialsFailed">Trials that failed (the search went on).</param>
/// <param name="TrialsStoppedEarly">Trials stopped as hopeless.</param>
/// <param name="Metric">The primary metric.</param>
/// <param name="BestTrainer">The best trial's trainer so far; null before one completes.</param>
/// <param name="BestValue">Its primary metric (validation average).</param>
/// <param name="BestTrial">Its trial number.</param>
public sealed record SearchStatus(
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
