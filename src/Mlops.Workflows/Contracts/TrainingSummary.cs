namespace Mlops.Workflows.Contracts;

/// <summary>What training produced; the model itself stays in blob storage at <paramref name="CandidatePath"/>.</summary>
public sealed record TrainingSummary(
    string Trainer,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    int TrainingRows,
    int HoldoutRows,
    string CandidatePath,
    string CandidateSha256)
{
    /// <summary>The metric the model was selected by (and is promoted by); null for the task's default.</summary>
    public string? PrimaryMetric { get; init; }

    /// <summary>Whether the winner was averaged with another trainer's best, and why; null when no ensemble was considered.</summary>
    public Core.Training.Ensembles.EnsembleDecision? Ensemble { get; init; }
}
