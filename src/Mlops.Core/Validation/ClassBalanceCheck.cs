using System.Globalization;
using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// A classification label whose rarest class is much rarer than its commonest. The data is sound, so it passes, with
/// the remedies training applies: weights that make each class count equally, and a split stratified by class so the
/// rare class is in the holdout too.
/// </summary>
internal static class ClassBalanceCheck
{
    public static void Check(ValidationContext context, ColumnStatistics label, MlTask task)
    {
        if (task == MlTask.Regression || label.ValueCounts is not { Count: >= 2 } counts)
        {
            return;
        }

        var rarest = counts.OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        var commonest = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).First();
        var ratio = (double)rarest.Value / commonest.Value;
        var threshold = context.Thresholds.MinClassRatio;
        if (ratio >= threshold)
        {
            return;
        }

        var share = (double)rarest.Value / label.Present;
        context.Warning(ValidationRules.ClassImbalance, label.Name,
            $"Label '{label.Name}' is imbalanced: its rarest class '{rarest.Key}' has {ValidationContext.Count(rarest.Value)} rows ({ValidationContext.Percent(share)}) against {ValidationContext.Count(commonest.Value)} for '{commonest.Key}' (1:{OneIn(ratio)}), below 1:{OneIn(threshold)}. The model is trained with class weights and the holdout split is stratified by class.{Advice(context, label, task, rarest.Key)}",
            ratio, threshold);
        context.Mitigate(MitigationKinds.ClassWeights, label.Name,
            $"Class '{rarest.Key}' has 1 row for every {OneIn(ratio)} of class '{commonest.Key}'; weighting classes inversely to their frequency keeps the model from ignoring it.");
        context.Mitigate(MitigationKinds.StratifiedSplit, label.Name,
            $"Class '{rarest.Key}' is {ValidationContext.Percent(share)} of the rows; a split within each class keeps it in both training and holdout rows.");
    }

    /// <summary>
    /// What a binary model with a rare class is judged by: AUC, the default, credits the ranking of the many easy
    /// negatives, and the positive class (what the probability, precision and recall are about) may be the common one
    /// (labels such as fraud/legit put the later name first). A team after the rare class says so once in the spec.
    /// </summary>
    private static string Advice(ValidationContext context, ColumnStatistics label, MlTask task, string rarest)
    {
        if (task != MlTask.BinaryClassification || LabelInference.ClassLabels(label, task, context.Spec.PositiveClass) is not [_, var positive])
        {
            return string.Empty;
        }

        const string Then = " in the model's spec (PUT /api/models/{model}/spec), then train the file again (POST /api/datasets/{model}?retrain=true).";
        var rareIsPositive = string.Equals(positive, rarest, StringComparison.Ordinal) || context.Spec.PositiveClass is not null;
        var byMetric = context.Spec.PrimaryMetric is null;
        return (rareIsPositive, byMetric) switch
        {
            (true, true) => $" Models are chosen by AUC; to choose them by how well they find '{positive}', say \"primaryMetric\": \"averagePrecision\"{Then}",
            (false, true) => $" The positive class (the one the probability, precision, recall and average precision are about) is '{positive}'; to choose models by how well they find '{rarest}', say \"positiveClass\": \"{rarest}\", \"primaryMetric\": \"averagePrecision\"{Then}",
            (false, false) => $" The positive class (the one the probability, precision and recall are about) is '{positive}'; to make it '{rarest}', say \"positiveClass\": \"{rarest}\"{Then}",
            _ => string.Empty,
        };
    }

    private static string OneIn(double ratio) => (1 / ratio).ToString("0.#", CultureInfo.InvariantCulture);
}
