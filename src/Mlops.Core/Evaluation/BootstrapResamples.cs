using Mlops.Core.Datasets;

namespace Mlops.Core.Evaluation;

/// <summary>
/// Seeded bootstrap resamples of holdout rows, as row counts. Classification resamples within each class, so every
/// resample keeps the holdout's class sizes and AUC stays defined. The generator is SplitMix64 and an index is the
/// high 64 bits of draw × stratum size: both are simple enough for the reference script
/// (scripts/bootstrap_reference.py) to draw exactly the same resamples.
/// </summary>
public static class BootstrapResamples
{
    /// <summary>
    /// The resamples in order, each as row counts: <c>counts[i]</c> is how often row i was drawn. One array is filled
    /// again for every resample, so memory is one row count per row rather than resamples times rows (1.6 GB for 1,000
    /// resamples of a 200,000-row holdout); copy it to keep a resample past the next step.
    /// </summary>
    public static IEnumerable<double[]> Each(HoldoutScores scores, int resamples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        return Draw(Strata(scores), scores.Count, resamples, seed);
    }

    private static IEnumerable<double[]> Draw(int[][] strata, int count, int resamples, ulong seed)
    {
        var state = seed;
        var counts = new double[count];
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(counts);
            foreach (var rows in strata)
            {
                for (var j = 0; j < rows.Length; j++)
                {
                    counts[rows[(int)(((UInt128)Next(ref state) * (ulong)rows.Length) >> 64)]]++;
                }
            }

            yield return counts;
        }
    }

    /// <summary>Row indices per stratum in ascending order: one stratum per class (ascending index) or one for regression.</summary>
    internal static int[][] Strata(HoldoutScores scores)
    {
        if (scores.Task == MlTask.Regression)
        {
            return [[.. Enumerable.Range(0, scores.Count)]];
        }

        return [.. Enumerable.Range(0, scores.Count).GroupBy(i => scores.Labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray())];
    }

    private static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
