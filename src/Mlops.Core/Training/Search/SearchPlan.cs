using Mlops.Core.Datasets;

namespace Mlops.Core.Training.Search;

/// <summary>Everything a search will do, decided up front from the data, the options and the seed.</summary>
/// <param name="Strategy">Random search, successive halving or model-based (TPE).</param>
/// <param name="Settings">How trials are measured.</param>
/// <param name="Rungs">The rungs, smallest budget first; random search has one.</param>
/// <param name="Configurations">
/// The first rung's configurations, in dispatch order; later rungs promote from them. Model-based search: the start-up
/// configurations, after which each trial's configuration is proposed from the trials finished before it.
/// </param>
/// <param name="MaxConcurrentTrials">Trials running at once.</param>
/// <param name="MaxSearchSeconds">No trial starts after this much wall time.</param>
/// <param name="TrainingRows">Rows the search learns from (the run's holdout excluded).</param>
/// <param name="Mitigations">The data report's mitigations this search applies.</param>
/// <param name="Task">The task, whose trainers a model-based search proposes from.</param>
public sealed record SearchPlan(
    SearchStrategy Strategy,
    TrialSettings Settings,
    IReadOnlyList<SearchRung> Rungs,
    IReadOnlyList<TrialConfiguration> Configurations,
    int MaxConcurrentTrials,
    int MaxSearchSeconds,
    int TrainingRows,
    IReadOnlyList<string> Mitigations,
    MlTask Task)
{
    /// <summary>
    /// The warm start the search was seeded with, as kept: its configurations are the first of <see cref="Configurations"/>.
    /// Null for a cold start (and in plans recorded before warm starts existed).
    /// </summary>
    public WarmStart? WarmStart { get; init; }

    /// <summary>The trainers searched, by name; null in plans recorded before they were chosen, which searched the task's whole catalog.</summary>
    public IReadOnlyList<string>? Trainers { get; init; }

    /// <summary>A sentence naming the task's trainers left out of this search and why (<see cref="TrainerChoice"/>); null when none was.</summary>
    public string? TrainersLeftOut { get; init; }

    /// <summary>Trials planned over all rungs: the trial budget.</summary>
    public int PlannedTrials => Rungs.Sum(r => r.Trials);
}
