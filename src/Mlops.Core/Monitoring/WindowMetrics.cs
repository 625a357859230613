using MathNet.Numerics.Distributions;

namespace Mlops.Core.Monitoring;

/// <summary>
/// The primary metric over a window's labelled predictions with its interval, by formulas rather than resampling,
/// so a window's report is deterministic and costs one pass.
/// </summary>
public static class WindowMetrics
{
    /// <summary>
    /// Accuracy with Wilson's score interval: unlike the normal (Wald) interval it stays inside [0, 1] and keeps its
    /// coverage near 0 and 1 and in small windows, where a classifier's accuracy often is.
    /// </summary>
    public static MetricInterval Accuracy(long correct, long total, double confidence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(total);
        ArgumentOutOfRangeException.ThrowIfNegative(correct);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(correct, total);
        var z = Z(confidence);
        var n = (double)total;
        var p = correct / n;
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2 * n))) / denominator;
        var half = z / denominator * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n)));
        return new MetricInterval("accuracy", p, Math.Max(0, centre - half), Math.Min(1, centre + half), total, HigherIsBetter: true);
    }

    /// <summary>
    /// RMSE with an interval from the normal approximation of the mean squared error (mean of the squared errors
    /// plus or minus z standard errors, the lower end held at 0), each end's square root taken: the square root is
    /// monotone, so the interval keeps its confidence. Chosen over a bootstrap because it is deterministic and one
    /// pass, and at the windows judged (hundreds of labels or more) the mean of squared errors is close to normal.
    /// </summary>
    /// <param name="errors">Prediction minus label for each labelled prediction.</param>
    /// <param name="confidence">The interval's confidence.</param>
    public static MetricInterval Rmse(ReadOnlySpan<double> errors, double confidence)
    {
        if (errors.Length < 2)
        {
            throw new ArgumentException("An interval needs at least two errors.", nameof(errors));
        }

        var n = errors.Length;
        var (mean, squares) = (0.0, 0.0);
        for (var i = 0; i < n; i++)
        {
            // Welford's running mean and sum of squared deviations of the squared errors.
            var squared = errors[i] * errors[i];
            var delta = squared - mean;
            mean += delta / (i + 1);
            squares += delta * (squared - mean);
        }

        var half = Z(confidence) * Math.Sqrt(squares / (n - 1) / n);
        return new MetricInterval("rmse", Math.Sqrt(mean), Math.Sqrt(Math.Max(0, mean - half)), Math.Sqrt(mean + half), n, HigherIsBetter: false);
    }

    private static double Z(double confidence)
    {
        if (confidence is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "Confidence must be between 0 and 1.");
        }

        return Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
    }
}
