using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// Rows repeated exactly. Many copies usually mean a file appended to itself or a join that multiplied rows, and
/// they make the model look better on a holdout that shares them; a few are common in real data.
/// </summary>
internal static class DuplicateRowCheck
{
    /// <summary>Columns that cannot tell this many times the rows apart between them make repeats expected.</summary>
    private const double DistinguishableFactor = 10;

    public static void Check(ValidationContext context, DatasetProfile profile)
    {
        var rate = profile.DuplicateRowRate;
        var thresholds = context.Thresholds;
        if (rate <= thresholds.WarnDuplicateRate || !CanTellRowsApart(profile))
        {
            return;
        }

        var duplicates = (long)Math.Round(rate * profile.Rows);
        var estimated = profile.DuplicatesExact
            ? ""
            : $" (estimated from the 1 in {1 / profile.DuplicateSampleRate:0} rows whose hash falls in the sample)";
        var seen = $"{ValidationContext.Percent(rate)} of the rows ({ValidationContext.Count(duplicates)} of {ValidationContext.Count(profile.Rows)}) repeat an earlier row value for value (identifier and ignored columns aside){estimated}";
        if (rate > thresholds.MaxDuplicateRate)
        {
            context.Error(ValidationRules.DuplicateRows, null,
                $"{seen}; at most {ValidationContext.Percent(thresholds.MaxDuplicateRate)} may. A file appended to itself or a join that multiplied rows usually causes this; remove the copies.",
                rate, thresholds.MaxDuplicateRate);
            return;
        }

        context.Warning(ValidationRules.DuplicateRows, null,
            $"{seen}, more than {ValidationContext.Percent(thresholds.WarnDuplicateRate)}; copies that land on both sides of the holdout split make the evaluation look better than it is, so remove them if they are not real repeats.",
            rate, thresholds.WarnDuplicateRate);
    }

    /// <summary>
    /// Whether the columns' values combine into many more possible rows than there are rows. When they cannot (a few
    /// categorical columns), repeated rows are the nature of the data, not a mistake.
    /// </summary>
    private static bool CanTellRowsApart(DatasetProfile profile)
    {
        var combinations = 1.0;
        foreach (var column in profile.Statistics)
        {
            combinations *= column.DistinctCount + (column.Missing > 0 ? 1 : 0);
            if (combinations >= DistinguishableFactor * profile.Rows)
            {
                return true;
            }
        }

        return false;
    }
}
