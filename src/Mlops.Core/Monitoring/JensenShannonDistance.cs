namespace Mlops.Core.Monitoring;

/// <summary>
/// The Jensen-Shannon distance of a window from a reference over the same cells: the square root of the mean KL
/// divergence of each from their average, in bits, so it lies in [0, 1] whatever the cells (as
/// scipy.spatial.distance.jensenshannon with base 2). Bounded and finite with empty cells, so no epsilon is needed.
/// </summary>
public static class JensenShannonDistance
{
    public static double Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException("The reference and the window must have the same cells.", nameof(current));
        }

        var (referenceTotal, currentTotal) = (PopulationStabilityIndex.Sum(reference), PopulationStabilityIndex.Sum(current));
        var divergence = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var p = reference[i] / referenceTotal;
            var q = current[i] / currentTotal;
            var m = (p + q) / 2;
            divergence += Part(p, m) + Part(q, m);
        }

        return Math.Sqrt(Math.Max(0, divergence / 2 / Math.Log(2)));
    }

    private static double Part(double share, double mean) => share > 0 ? share * Math.Log(share / mean) : 0;
}
