using Mlops.Core.Profiling;

namespace Mlops.Core.Validation;

/// <summary>
/// Tukey's fences: the quartiles moved out by a multiple of the interquartile range, and the values beyond them.
/// Robust: the outliers themselves do not move the quartiles, as they would a mean and standard deviation.
/// </summary>
/// <param name="Q1">The first quartile.</param>
/// <param name="Q3">The third quartile.</param>
/// <param name="Low">Values below this are outliers.</param>
/// <param name="High">Values above this are outliers.</param>
/// <param name="Outliers">The weight of the values beyond either fence.</param>
internal sealed record TukeyFences(double Q1, double Q3, double Low, double High, long Outliers)
{
    /// <summary>Tukey's "far out", for the log scale of <see cref="OfNonNegative"/>: there a spread is a ratio, and three of them a wide one.</summary>
    public const double LogMultiplier = 3;

    /// <summary>Null when half the values or more share one value: the fences would call every other value an outlier.</summary>
    public static TukeyFences? Of(WeightedValues numbers, double multiplier)
    {
        var q1 = numbers.Quantile(0.25);
        var q3 = numbers.Quantile(0.75);
        var spread = q3 - q1;
        if (spread <= 0)
        {
            return null;
        }

        var low = q1 - (multiplier * spread);
        var high = q3 + (multiplier * spread);
        return new TukeyFences(q1, q3, low, high, numbers.CountBelow(low) + numbers.CountAbove(high));
    }

    /// <summary>
    /// For values that are never negative: beyond the fences as they are and also beyond Tukey's far-out fences
    /// (<see cref="LogMultiplier"/>) on a log scale, log(1 + x). Counts, prices and durations spread multiplicatively, so
    /// the long right tail of such a spread (333 rentals an hour where half the hours have 5 to 22) is not called an
    /// outlier, while a value off by a factor of a thousand still is. Quantiles commute with the log, so the log fences
    /// come from the same quartiles.
    /// </summary>
    public static TukeyFences? OfNonNegative(WeightedValues numbers, double multiplier)
    {
        var raw = Of(numbers, multiplier);
        if (raw is null || numbers.Quantile(0) < 0)
        {
            return raw;
        }

        var (logQ1, logQ3) = (Math.Log(1 + raw.Q1), Math.Log(1 + raw.Q3));
        var logSpread = logQ3 - logQ1;
        var low = Math.Min(raw.Low, Math.Exp(logQ1 - (LogMultiplier * logSpread)) - 1);
        var high = Math.Max(raw.High, Math.Exp(logQ3 + (LogMultiplier * logSpread)) - 1);
        return raw with { Low = low, High = high, Outliers = numbers.CountBelow(low) + numbers.CountAbove(high) };
    }
}
