using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>The one metric that decides between two models of a task.</summary>
public static class PrimaryMetric
{
    /// <summary>
    /// AUC for binary (threshold-free, robust to imbalance), macro-F1 for multiclass (every class counts, however
    /// rare), RMSE for regression (in the label's own units).
    /// </summary>
    public static string For(MlTask task) => task switch
    {
        MlTask.BinaryClassification => MetricNames.Auc,
        MlTask.MulticlassClassification => MetricNames.MacroF1,
        MlTask.Regression => MetricNames.Rmse,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    /// <summary>The metrics a task's models report (<see cref="HoldoutMetrics"/>), any of which a spec may select by.</summary>
    public static IReadOnlyList<string> Reported(MlTask task) => task switch
    {
        MlTask.BinaryClassification => [MetricNames.Auc, MetricNames.AveragePrecision, MetricNames.Accuracy, MetricNames.Precision, MetricNames.Recall, MetricNames.F1, MetricNames.LogLoss],
        MlTask.MulticlassClassification => [MetricNames.MacroF1, MetricNames.Accuracy, MetricNames.MacroAccuracy, MetricNames.LogLoss],
        MlTask.Regression => [MetricNames.Rmse, MetricNames.Mae, MetricNames.R2],
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Unknown task."),
    };

    /// <summary>The best value the metric can take: what an unscored fold is assumed to reach when judging a trial hopeless.</summary>
    public static double BestPossible(string metric) => IsHigherBetter(metric) ? 1 : 0;

    /// <summary>Throws for a metric it does not know rather than guess its direction.</summary>
    public static bool IsHigherBetter(string metric) => metric switch
    {
        MetricNames.Rmse or MetricNames.Mae or MetricNames.LogLoss => false,
        MetricNames.Accuracy or MetricNames.Precision or MetricNames.Recall or MetricNames.F1 or MetricNames.Auc
            or MetricNames.AveragePrecision or MetricNames.MacroAccuracy or MetricNames.MacroF1 or MetricNames.R2 => true,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "Unknown metric."),
    };

    /// <summary>How a person reads the metric's name in a sentence.</summary>
    public static string DisplayName(string metric) => metric switch
    {
        MetricNames.Auc => "AUC",
        MetricNames.AveragePrecision => "average precision",
        MetricNames.MacroF1 => "macro-F1",
        MetricNames.Rmse => "RMSE",
        MetricNames.Mae => "MAE",
        MetricNames.R2 => "R²",
        MetricNames.F1 => "F1",
        MetricNames.LogLoss => "log-loss",
        MetricNames.MacroAccuracy => "macro accuracy",
        _ => metric,
    };
}
