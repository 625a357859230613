namespace Mlops.Core.Monitoring;

/// <summary>
/// The population stability index of a window against a reference over the same cells: the sum over cells of
/// (current share - reference share) · ln(current share / reference share), a symmetric KL divergence.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>
    /// The share an empty cell is taken to have. Without it one empty cell makes the index infinite; with 1e-4 (the
    /// usual choice) a cell of a tenth of the rows emptying entirely still adds 0.1 · ln(1000) = 0.69, well past any
    /// threshold, while a cell of a few rows in ten thousand emptying adds almost nothing.
    /// </summary>
    public const double Epsilon = 1e-4;

    public static double Compute(ReadOnlySpan<long> reference, ReadOnlySpan<long> current)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException("The reference and the window must have the same cells.", nameof(current));
        }

        var (referenceTotal, currentTotal) = (Sum(reference), Sum(current));
        var index = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            var expected = Math.Max(reference[i] / referenceTotal, Epsilon);
            var actual = Math.Max(current[i] / currentTotal, Epsilon);
            index += (actual - expected) * Math.Log(actual / expected);
        }

        return index;
    }

    internal static double Sum(ReadOnlySpan<long> counts)
    {
        long total = 0;
        foreach (var count in counts)
        {
            total += count;
        }

        return total > 0 ? total : throw new ArgumentException("The counts hold no rows.", nameof(counts));
    }
}
