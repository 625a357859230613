namespace Mlops.Core.Training.Search;

/// <summary>A finished search: every trial, the winner and why the search stopped.</summary>
/// <param name="Trials">Every trial dispatched, in dispatch order.</param>
/// <param name="Winner">The selected trial; null when none completed.</param>
/// <param name="StopReason">A sentence: the plan ran out, or the wall-time budget did.</param>
public sealed record SearchOutcome(IReadOnlyList<TrialResult> Trials, TrialResult? Winner, string StopReason);
