using Mlops.Core.Datasets;
using Mlops.Core.Evaluation;

namespace Mlops.Core.Validation;

/// <summary>
/// The metrics evaluation reports for each task (HoldoutMetrics' keys), so that a spec's primaryMetric can be
/// checked when the dataset arrives rather than fail a run after training.
/// </summary>
internal static class TaskMetrics
{
    private static readonly Dictionary<MlTask, string[]> Reported = new()
    {
        [MlTask.BinaryClassification] = [MetricNames.Auc, MetricNames.Accuracy, MetricNames.F1, MetricNames.Precision, MetricNames.Recall, MetricNames.LogLoss],
        [MlTask.MulticlassClassification] = [MetricNames.MacroF1, MetricNames.MacroAccuracy, MetricNames.Accuracy, MetricNames.LogLoss],
        [MlTask.Regression] = [MetricNames.Rmse, MetricNames.Mae, MetricNames.R2],
    };

    public static IReadOnlyList<string> All { get; } = [.. Reported.Values.SelectMany(m => m).Distinct()];

    public static IReadOnlyList<string> For(MlTask task) => Reported[task];

    /// <summary>The metric's own spelling of <paramref name="name"/> (matched ignoring case), or null.</summary>
    public static string? Canonical(string name) =>
        All.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
}
