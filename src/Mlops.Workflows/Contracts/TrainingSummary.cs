namespace Mlops.Workflows.Contracts;

/// <summary>What training produced; the model itself stays in blob storage at <paramref name="CandidatePath"/>.</summary>
public sealed record TrainingSummary(
    string Trainer,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, double> Metrics,
    int TrainingRows,
    int HoldoutRows,
    string CandidatePath,
    string CandidateSha256);
