using Mlops.Core.Datasets;
using Mlops.Core.Training.Ensembles;
using Mlops.Core.Training.Search;

namespace Mlops.TrainingPeer;

/// <summary>What the search did on one dataset, as written to {dataset}.search.json for the peer script.</summary>
/// <param name="Dataset">The sample's name.</param>
/// <param name="Task">"binary", "multiclass" or "regression".</param>
/// <param name="ClassLabels">Classification: the classes in model order (binary: negative, positive).</param>
/// <param name="Trainer">The selected trainer (the ensemble's members when it was kept); null when no trial completed.</param>
/// <param name="Selected">
/// The selection's primary metric over the folds: the winning trial's mean, or the kept ensemble's cross-fitted mean.
/// </param>
/// <param name="Trials">Trials run.</param>
/// <param name="Seconds">Wall time of the search and the ensemble's judgement.</param>
/// <param name="Plan">The plan followed.</param>
/// <param name="Outcome">Every trial and the winner.</param>
/// <param name="SearchSeconds">Wall time of the search alone.</param>
/// <param name="Ensemble">The ensemble's verdict; null when it was switched off or nothing completed.</param>
internal sealed record PeerResult(
    string Dataset,
    string Task,
    IReadOnlyList<string> ClassLabels,
    string? Trainer,
    double? Selected,
    int Trials,
    double Seconds,
    SearchPlan Plan,
    SearchOutcome Outcome,
    double SearchSeconds,
    EnsembleDecision? Ensemble)
{
    public static PeerResult Of(PeerDataset dataset, SearchPlan plan, SearchOutcome outcome, double searchSeconds, EnsembleDecision? ensemble, double seconds) => new(
        dataset.Name,
        dataset.Schema.Task switch
        {
            MlTask.BinaryClassification => "binary",
            MlTask.MulticlassClassification => "multiclass",
            _ => "regression",
        },
        dataset.Schema.ClassLabels,
        ensemble is { Kept: true } ? $"Ensemble({string.Join(", ", ensemble.Trainers)})" : outcome.Winner?.Configuration.Trainer,
        ensemble is { Kept: true } ? ensemble.Blended : outcome.Winner?.Metrics[plan.Settings.Metric],
        outcome.Trials.Count,
        seconds,
        plan,
        outcome,
        searchSeconds,
        ensemble);
}
