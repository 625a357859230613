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
}
