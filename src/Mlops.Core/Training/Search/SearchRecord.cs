namespace Mlops.Core.Training.Search;

/// <summary>
/// A run's search as written to trials.json next to its candidate: the plan, every trial with its parameters, metrics
/// and duration, and the winner, so runs can be compared later.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Dataset">The dataset blob searched on.</param>
/// <param name="Strategy">Random search, successive halving or model-based.</param>
/// <param name="Settings">How trials were measured.</param>
/// <param name="Rungs">The planned rungs.</param>
/// <param name="MaxConcurrentTrials">The concurrency bound.</param>
/// <param name="MaxSearchSeconds">The wall-time budget.</param>
/// <param name="TrainingRows">Rows the search learnt from.</param>
/// <param name="Mitigations">Mitigations applied.</param>
/// <param name="Trials">Every trial, in dispatch order.</param>
/// <param name="Winner">The selected trial's index; null when none completed.</param>
/// <param name="StopReason">Why the search stopped.</param>
/// <param name="StartedAt">When the search started (orchestration time, UTC).</param>
/// <param name="EndedAt">When its last trial finished.</param>
public sealed record SearchRecord(
    string RunId,
    string Dataset,
    SearchStrategy Strategy,
    TrialSettings Settings,
    IReadOnlyList<SearchRung> Rungs,
    int MaxConcurrentTrials,
    int MaxSearchSeconds,
    int TrainingRows,
    IReadOnlyList<string> Mitigations,
    IReadOnlyList<TrialResult> Trials,
    int? Winner,
    string StopReason,
    DateTime StartedAt,
    DateTime EndedAt)
{
    /// <summary>What the search was seeded with (<see cref="SearchPlan.WarmStart"/>); null for a cold start and in older records.</summary>
    public WarmStart? WarmStart { get; init; }

    /// <summary>The task's trainers the search left out, and why (<see cref="SearchPlan.TrainersLeftOut"/>); null when none was, and in older records.</summary>
    public string? TrainersLeftOut { get; init; }

    /// <summary>
    /// True while the search has not finished (or its run stopped before it did): the trials so far, no winner, and
    /// <see cref="EndedAt"/> the time of the answer.
    /// </summary>
    public bool Partial { get; init; }

    public static SearchRecord Of(string runId, string dataset, SearchPlan plan, SearchOutcome outcome, DateTime startedAt, DateTime endedAt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(outcome);
        return new(runId, dataset, plan.Strategy, plan.Settings, plan.Rungs, plan.MaxConcurrentTrials, plan.MaxSearchSeconds, plan.TrainingRows,
            plan.Mitigations, outcome.Trials, outcome.Winner?.Index, outcome.StopReason, startedAt, endedAt)
        {
            WarmStart = plan.WarmStart,
            TrainersLeftOut = plan.TrainersLeftOut,
        };
    }
}
