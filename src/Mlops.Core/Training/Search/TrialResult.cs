namespace Mlops.Core.Training.Search;

/// <summary>What one trial measured: enough to compare runs later and to pick a winner now.</summary>
/// <param name="Index">The trial's number in the search.</param>
/// <param name="Rung">The successive-halving rung it ran on.</param>
/// <param name="Configuration">The trainer and hyperparameters.</param>
/// <param name="Budget">Share of each fold's training rows it fitted on.</param>
/// <param name="Status">Completed, stopped early or failed.</param>
/// <param name="Metrics">Validation metrics averaged over the folds scored, keyed as in <see cref="Evaluation.MetricNames"/>; empty when failed.</param>
/// <param name="FoldsScored">Folds fitted and scored (fewer than planned when stopped early).</param>
/// <param name="ModelSize">Leaves over all trees, or 1 per linear model: the cost that breaks ties.</param>
/// <param name="DurationSeconds">Wall time of the trial; recorded, never used to decide anything.</param>
/// <param name="Error">Why it failed; null otherwise.</param>
public sealed record TrialResult(
    int Index,
    int Rung,
    TrialConfiguration Configuration,
    double Budget,
    TrialStatus Status,
    IReadOnlyDictionary<string, double> Metrics,
    int FoldsScored,
    double ModelSize,
    double DurationSeconds,
    string? Error)
{
    public static TrialResult Failed(TrialRequest request, string error, double durationSeconds = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Index, request.Rung, request.Configuration, request.Budget, TrialStatus.Failed, new Dictionary<string, double>(), 0, 0, durationSeconds, error);
    }

    /// <summary>The metric's value, or null when the trial did not complete or lacks it.</summary>
    public double? Completed(string metric) =>
        Status == TrialStatus.Completed && Metrics.TryGetValue(metric, out var value) ? value : null;
}
