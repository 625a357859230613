using Mlops.Core.Training.Search;

namespace Mlops.Workflows.Contracts;

/// <summary>What the search chose, for the refit to train and record.</summary>
/// <param name="Winner">The selected trial.</param>
/// <param name="Settings">How trials were measured; the refit uses the same seed, holdout and mitigations.</param>
/// <param name="Trials">Trials the search ran.</param>
/// <param name="RecordPath">Where every trial is recorded (trials.json in the models container).</param>
public sealed record SearchSelection(TrialResult Winner, TrialSettings Settings, int Trials, string RecordPath)
{
    /// <summary>Trials the refit may average with the winner (<see cref="Core.Training.Ensembles.EnsembleCandidates"/>); empty for none.</summary>
    public IReadOnlyList<TrialResult> Partners { get; init; } = [];

    /// <summary>Members whose out-of-fold predictions the refit computes at once: the search's concurrency.</summary>
    public int Parallelism { get; init; } = 1;
}
