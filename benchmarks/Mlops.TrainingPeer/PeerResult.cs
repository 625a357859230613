using Mlops.Core.Datasets;
using Mlops.Core.Training.Search;

namespace Mlops.TrainingPeer;

/// <summary>What the search did on one dataset, as written to {dataset}.search.json for the peer script.</summary>
/// <param name="Dataset">The sample's name.</param>
/// <param name="Task">"binary", "multiclass" or "regression".</param>
/// <param name="ClassLabels">Classification: the classes in model order (binary: negative, positive).</param>
/// <param name="Trainer">The selected trainer; null when no trial completed.</param>
/// <param name="Selected">The selected trial's primary metric averaged over the folds.</param>
/// <param name="Trials">Trials run.</param>
/// <param name="Seconds">Wall time of the search.</param>
/// <param name="Plan">The plan followed.</param>
/// <param name="Outcome">Every trial and the winner.</param>
internal sealed record PeerResult(
    string Dataset,
    string Task,
    IReadOnlyList<string> ClassLabels,
    string? Trainer,
    double? Selected,
    int Trials,
    double Seconds,
    SearchPlan Plan,
    SearchOutcome Outcome)
{
    public static PeerResult Of(PeerDataset dataset, SearchPlan plan, SearchOutcome outcome, double seconds) => new(
        dataset.Name,
        dataset.Schema.Task switch
        {
            MlTask.BinaryClassification => "binary",
            MlTask.MulticlassClassification => "multiclass",
            _ => "regression",
        },
        dataset.Schema.ClassLabels,
        outcome.Winner?.Configuration.Trainer,
        outcome.Winner?.Metrics[plan.Settings.Metric],
        outcome.Trials.Count,
        seconds,
        plan,
        outcome);
}
