namespace Mlops.Core.Monitoring;

/// <summary>
/// The Wasserstein-1 (earth mover's) distance of a window's values from the contract's piecewise-linear CDF: the area
/// between the window's empirical CDF and the reference CDF, integrated exactly (between consecutive values and
/// knots the first is flat and the second a line). In the feature's units: how far, on average, each row's value
/// would have to move; <see cref="NumericReference.Scale"/> makes it comparable across features.
/// </summary>
public static class WassersteinDistance
{
    /// <summary>The distance for <paramref name="sorted"/> (ascending, at least one value).</summary>
    internal static double Compute(ReadOnlySpan<double> sorted, ReferenceCdf reference)
    {
        var knots = reference.Positions;
        var n = (double)sorted.Length;
        var position = Math.Min(sorted[0], knots[0]);
        var (i, j) = (0, 0);
        var area = 0.0;
        while (true)
        {
            while (i < sorted.Length && sorted[i] <= position)
            {
                i++;
            }

            while (j < knots.Count && knots[j] <= position)
            {
                j++;
            }

            var next = Math.Min(i < sorted.Length ? sorted[i] : double.PositiveInfinity, j < knots.Count ? knots[j] : double.PositiveInfinity);
            if (double.IsPositiveInfinity(next))
            {
                return area;
            }

            var window = i / n;
            area += Between(reference.Evaluate(position) - window, reference.LeftLimit(next) - window, next - position);
            position = next;
        }
    }

    // The integral of |g| over a width where g runs linearly from start to end.
    private static double Between(double start, double end, double width) =>
        start * end >= 0
            ? width * Math.Abs(start + end) / 2
            : width * ((start * start) + (end * end)) / (2 * Math.Abs(end - start));
}
