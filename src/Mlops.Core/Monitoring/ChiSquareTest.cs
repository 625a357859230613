using MathNet.Numerics;

namespace Mlops.Core.Monitoring;

/// <summary>
/// Pearson's chi-square goodness-of-fit test of a window's category counts against the counts the reference's shares
/// predict for a window of that size, after merging sparse cells so the chi-square approximation holds.
/// </summary>
/// <remarks>
/// Merging follows Cochran's rule that every expected count be at least <see cref="MinExpected"/>: all cells expected
/// below it (including reference cells with no rows, where a new value would otherwise divide by zero) are pooled
/// into one cell; if that pool is still expected below it, it joins the cell with the smallest expected count (the
/// first such in reference order). With fewer than two cells left there is nothing to test.
/// </remarks>
public static class ChiSquareTest
{
    /// <summary>The smallest expected count a cell may keep on its own.</summary>
    public const double MinExpected = 5;

    public static ChiSquareResult Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException("The reference and the window must have the same cells.", nameof(current));
        }

        var referenceTotal = PopulationStabilityIndex.Sum(reference);
        var currentTotal = PopulationStabilityIndex.Sum(current);
        var observed = new List<double>(reference.Length);
        var expected = new List<double>(reference.Length);
        var (pooledObserved, pooledExpected, pooled) = (0.0, 0.0, false);
        for (var i = 0; i < reference.Length; i++)
        {
            var e = currentTotal * reference[i] / referenceTotal;
            if (e < MinExpected)
            {
                (pooledObserved, pooledExpected, pooled) = (pooledObserved + current[i], pooledExpected + e, true);
            }
            else
            {
                observed.Add(current[i]);
                expected.Add(e);
            }
        }

        if (pooled && pooledExpected >= MinExpected)
        {
            observed.Add(pooledObserved);
            expected.Add(pooledExpected);
        }
        else if (pooled && expected.Count > 0)
        {
            var smallest = expected.IndexOf(expected.Min());
            observed[smallest] += pooledObserved;
            expected[smallest] += pooledExpected;
        }

        if (expected.Count < 2)
        {
            return new ChiSquareResult(0, 0, null, expected.Count);
        }

        var statistic = 0.0;
        for (var i = 0; i < expected.Count; i++)
        {
            var difference = observed[i] - expected[i];
            statistic += difference * difference / expected[i];
        }

        var freedom = expected.Count - 1;
        return new ChiSquareResult(statistic, freedom, SpecialFunctions.GammaUpperRegularized(freedom / 2.0, statistic / 2), expected.Count);
    }
}
