using Mlops.Core.Datasets;

namespace Mlops.Core.Experiments;

/// <summary>The per-prediction score an experiment's test reads, once the true label arrives.</summary>
public static class ExperimentMetrics
{
    /// <summary>1 when a classifier's prediction equals the label, else 0: higher is better.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>The squared error of a regression: lower is better.</summary>
    public const string SquaredError = "squaredError";

    public static string For(MlTask task) => task == MlTask.Regression ? SquaredError : Accuracy;

    public static bool IsHigherBetter(string metric) => metric == Accuracy;

    /// <summary>The score of one prediction against its label; null when a regression label is not a number.</summary>
    public static double? Score(string metric, string prediction, string label)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(label);
        if (metric == Accuracy)
        {
            return string.Equals(prediction.Trim(), label.Trim(), StringComparison.Ordinal) ? 1 : 0;
        }

        return CsvValues.TryParseNumber(prediction, out var predicted) && CsvValues.TryParseNumber(label, out var actual)
            ? (predicted - actual) * (predicted - actual)
            : null;
    }
}
