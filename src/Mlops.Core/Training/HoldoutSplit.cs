using Mlops.Core.Datasets.Columnar;
using Mlops.Core.Profiling;

namespace Mlops.Core.Training;

/// <summary>
/// Splits a dataset into training and holdout rows. A row's side is decided by a seeded hash of its content, ranked
/// within its class: the same data, seed and fraction always give the same split,
/// and when a dataset grows by appending rows, rows that were held out mostly stay held out, so the champion is not
/// scored on much of what it was trained on. Identical rows rank together and land on the same side (a group the
/// cut would straddle stays in training), so the holdout never scores a row the model was fitted on.
/// </summary>
public static class HoldoutSplit
{
    /// <summary>
    /// Stratified by label for classification (each class with two or more rows gives at least one to each side).
    /// Both parts keep the data's row order. Made once per dataset, seed and fraction.
    /// </summary>
    public static RowSplit Split(ColumnarDataset data, double holdoutFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (holdoutFraction is < 0 or >= 1 || double.IsNaN(holdoutFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), holdoutFraction, "The holdout fraction must be in [0, 1).");
        }

        return data.Derived(FormattableString.Invariant($"holdout:{holdoutFraction:R}:{seed}"), () => Make(data, holdoutFraction, seed));
    }

    /// <summary>A row's rank under a seed: its content digest mixed with the seed, so each seed orders rows anew.</summary>
    internal static ulong Rank(ulong digest, int seed) => SplitMix64.Mix(digest ^ SplitMix64.Mix((ulong)(uint)seed));

    private static RowSplit Make(ColumnarDataset data, double holdoutFraction, int seed)
    {
        var heldOut = new bool[data.RowCount];
        foreach (var rows in Strata.Of(data, Enumerable.Range(0, data.RowCount)))
        {
            var count = HoldoutCount(rows.Count, holdoutFraction);
            var ranked = rows.Select(i => (Hash: Rank(data.Digests[i], seed), Index: i)).Order().ToList();
            var cut = Boundary(ranked, count, -1);
            if (cut == 0 && count > 0)
            {
                // The group would leave the class without a holdout: it goes there whole, if training keeps a row.
                cut = Boundary(ranked, count, +1);
                cut = cut < ranked.Count ? cut : count;
            }

            for (var i = 0; i < cut; i++)
            {
                heldOut[ranked[i].Index] = true;
            }
        }

        var holdout = Enumerable.Range(0, data.RowCount).Where(i => heldOut[i]).ToArray();
        var training = Enumerable.Range(0, data.RowCount).Where(i => !heldOut[i]).ToArray();
        return new RowSplit(training, holdout);
    }

    /// <summary>The nearest cut from <paramref name="cut"/> in <paramref name="step"/>'s direction that splits no group of identical rows.</summary>
    private static int Boundary(List<(ulong Hash, int Index)> ranked, int cut, int step)
    {
        while (cut > 0 && cut < ranked.Count && ranked[cut - 1].Hash == ranked[cut].Hash)
        {
            cut += step;
        }

        return cut;
    }

    private static int HoldoutCount(int rows, double fraction)
    {
        var count = (int)Math.Round(rows * fraction, MidpointRounding.AwayFromZero);
        return fraction > 0 && rows >= 2 ? Math.Clamp(count, 1, rows - 1) : count;
    }
}
