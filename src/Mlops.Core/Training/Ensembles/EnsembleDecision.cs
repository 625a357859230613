namespace Mlops.Core.Training.Ensembles;

/// <summary>Whether the search's winner averaged with another trainer's best trial beat the winner alone on the same folds.</summary>
/// <param name="Members">The blended trials' indices, the search's winner first; empty when none was tried.</param>
/// <param name="Trainers">Their trainers, in the same order.</param>
/// <param name="Metric">The primary metric both are judged by.</param>
/// <param name="Blended">
/// The best blend's cross-fitted metric: on each fold, the weight was chosen on the other folds' out-of-fold predictions
/// and the blend scored on this one's; the mean over folds. Null when no blend was scored.
/// </param>
/// <param name="Alone">The winner's own out-of-fold metric, scored the same way.</param>
/// <param name="Kept">True when the blend won by more than a tie and is the model trained.</param>
/// <param name="Reason">What was tried and why it was kept or not, for the run's train stage.</param>
public sealed record EnsembleDecision(
    IReadOnlyList<int> Members,
    IReadOnlyList<string> Trainers,
    string Metric,
    double? Blended,
    double Alone,
    bool Kept,
    string Reason)
{
    /// <summary>The winner's weight in the blend (the partner's is one minus it); null when nothing was kept.</summary>
    public double? Weight { get; init; }
}
