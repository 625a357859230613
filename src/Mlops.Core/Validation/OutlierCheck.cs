using Mlops.Core.Datasets;
using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// Numeric features with many values far outside their bulk, by Tukey's fences on the interquartile range (robust:
/// the outliers themselves do not move the quartiles, as they would a mean and standard deviation). Usually unit
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

            var q1 = numbers.Quantile(0.25);
            var q3 = numbers.Quantile(0.75);
            var spread = q3 - q1;
            if (spread <= 0)
            {
                // Half the values or more share one value: the fences would call every other value an outlier.
                continue;
            }

            var low = q1 - (thresholds.OutlierIqrMultiplier * spread);
            var high = q3 + (thresholds.OutlierIqrMultiplier * spread);
            var outliers = numbers.CountBelow(low) + numbers.CountAbove(high);
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
