using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// Numeric features with many values far outside their bulk, by Tukey's fences (<see cref="TukeyFences"/>). Usually unit
/// mix-ups or sentinel values such as 9999; a warning, since heavy tails are also real.
/// </summary>
internal static class OutlierCheck
{
    /// <summary>Columns with at most this many distinct values are discrete scales, where outliers mean nothing.</summary>
    private const int MinDistinct = 20;

    public static void Check(ValidationContext context, DatasetProfile profile, IReadOnlyList<ColumnSchema> features)
    {
        var thresholds = context.Thresholds;
        foreach (var feature in features.Where(f => f.Kind == ColumnKind.Numeric))
        {
            var column = profile.Find(feature.Name);
            if (column?.Numbers is not { } numbers || column.DistinctCount <= MinDistinct || numbers.Total == 0)
            {
                continue;
            }

            if (TukeyFences.Of(numbers, thresholds.OutlierIqrMultiplier) is not { } fences)
            {
                continue;
            }

            var (low, high, outliers) = (fences.Low, fences.High, fences.Outliers);
            var rate = (double)outliers / numbers.Total;
            if (rate <= thresholds.MaxOutlierRate)
            {
                continue;
            }

            var approximately = numbers.Exact ? "" : "about ";
            context.Warning(ValidationRules.OutlierRate, feature.Name,
                $"Column '{feature.Name}' has {approximately}{ValidationContext.Percent(rate)} of its values ({approximately}{ValidationContext.Count(outliers)}) more than {ValidationContext.Number(thresholds.OutlierIqrMultiplier)} interquartile ranges beyond its quartiles (below {ValidationContext.Number(low)} or above {ValidationContext.Number(high)}), more than {ValidationContext.Percent(thresholds.MaxOutlierRate)}; look for mixed units or placeholder values such as 9999.",
                rate, thresholds.MaxOutlierRate);
        }
    }
}
