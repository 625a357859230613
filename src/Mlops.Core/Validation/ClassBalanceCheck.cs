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
            $"Label '{label.Name}' is imbalanced: its rarest class '{rarest.Key}' has {ValidationContext.Count(rarest.Value)} rows ({ValidationContext.Percent(share)}) against {ValidationContext.Count(commonest.Value)} for '{commonest.Key}' (1:{OneIn(ratio)}), below 1:{OneIn(threshold)}. The model is trained with class weights and the holdout split is stratified by class.",
            ratio, threshold);
        context.Mitigate(MitigationKinds.ClassWeights, label.Name,
            $"Class '{rarest.Key}' has 1 row for every {OneIn(ratio)} of class '{commonest.Key}'; weighting classes inversely to their frequency keeps the model from ignoring it.");
        context.Mitigate(MitigationKinds.StratifiedSplit, label.Name,
            $"Class '{rarest.Key}' is {ValidationContext.Percent(share)} of the rows; a split within each class keeps it in both training and holdout rows.");
    }

    private static string OneIn(double ratio) => (1 / ratio).ToString("0.#", CultureInfo.InvariantCulture);
}
