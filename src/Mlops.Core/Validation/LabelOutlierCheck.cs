using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// A regression label with values far beyond its bulk (<see cref="ValidationThresholds.LabelOutlierIqrMultiplier"/>
/// interquartile ranges past its quartiles), however few: a model trained to squared error bends toward them and the
/// RMSE it is chosen by measures little else. Measured: 10 rents of 1,000 written with three zeros too many left every
/// trial's model no better than the mean (holdout R² -0.02), with nothing in the report to say why. A warning, since
/// such values can be real.
/// </summary>
internal static class LabelOutlierCheck
{
    /// <summary>A label with at most this many distinct values is a scale (a rating), where outliers mean nothing.</summary>
    private const int MinDistinct = 20;

    public static void Check(ValidationContext context, ColumnStatistics label, MlTask task)
    {
        if (task != MlTask.Regression || label.Numbers is not { Total: > 0 } numbers || label.DistinctCount <= MinDistinct)
        {
            return;
        }

        var multiplier = context.Thresholds.LabelOutlierIqrMultiplier;
        if (TukeyFences.OfNonNegative(numbers, multiplier) is not { Outliers: > 0 } fences)
        {
            return;
        }

        var (q1, q3, low, high, outliers) = fences;
        var rate = (double)outliers / numbers.Total;
        var about = numbers.Exact ? string.Empty : "about ";
        var scale = numbers.Quantile(0) >= 0 ? $", and {ValidationContext.Number(TukeyFences.LogMultiplier)} on a log scale since its values are not negative" : string.Empty;
        var advice = context.Spec.PrimaryMetric is null
            ? " if they are real, choose models by their typical error rather than by those rows with \"primaryMetric\": \"mae\" in the model's spec."
            : " if they are real, expect the error on them to dominate the RMSE.";
        context.Warning(ValidationRules.LabelOutliers, label.Name,
            $"Label '{label.Name}' has {about}{ValidationContext.Count(outliers)} {(outliers == 1 ? "value" : "values")} ({ValidationContext.Percent(rate)}) more than {ValidationContext.Number(multiplier)} interquartile ranges beyond its quartiles{scale} (below {ValidationContext.Number(low)} or above {ValidationContext.Number(high)}, where half its values lie between {ValidationContext.Number(q1)} and {ValidationContext.Number(q3)}; its values reach {ValidationContext.Number(numbers.Quantile(0))} to {ValidationContext.Number(numbers.Quantile(1))}). A model trained to squared error bends toward them: if they are mistakes (a unit mixed up, zeros too many), fix or drop those rows;{advice}",
            rate, 0);
    }
}
