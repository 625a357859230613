namespace Mlops.Core.Evaluation;

/// <summary>The metric keys of <see cref="Training.TrainedModel.Metrics"/> and <see cref="EvaluationResult.Metrics"/>.</summary>
public static class MetricNames
{
    public const string Accuracy = "accuracy";
    public const string Precision = "precision";
    public const string Recall = "recall";
    public const string F1 = "f1";
    public const string Auc = "auc";
    public const string AveragePrecision = "averagePrecision";
    public const string LogLoss = "logLoss";
    public const string MacroAccuracy = "macroAccuracy";
    public const string MacroF1 = "macroF1";
    public const string Rmse = "rmse";
    public const string Mae = "mae";
    public const string R2 = "r2";
}
