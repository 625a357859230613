namespace Mlops.Core.Profiling;

/// <summary>
/// Karnin, Lang and Liberty's quantile sketch: compactors stacked in levels, an item at level h standing for 2^h
/// values. A full level is sorted and every other item (from a random offset) moves up, so the memory stays near 3k
/// numbers for any stream while the rank of any value is off by about 1/k of the count (exact until the first level
/// fills). Follows the reference implementation (Liberty's streaming-quantiles kll.py) with capacities k·(2/3)^depth,
/// but never below <see cref="MinCapacity"/>: compacting tiny levels item by item would cost more than their memory.
/// Every level above the first is kept sorted, its survivors merged in as they arrive (they come sorted), so that only
/// the first level, which takes the stream as it comes, is ever sorted: the items are the ones sorting each full level
/// would keep, at a fraction of the cost.
/// </summary>
internal sealed class KllSketch
{
    private const double CapacityDecay = 2.0 / 3.0;
    private const int MinCapacity = 16;

    private readonly int k;
    private readonly List<double[]> levels = [];
    private readonly List<int> counts = [];
    private int[] capacities = [];
    private SplitMix64 random;
    private int size;
    private int maxSize;

    public KllSketch(int k, ulong seed)
    {
        this.k = k;
        random = new SplitMix64(seed);
        Grow();
    }

    /// <summary>The total weight of the values added.</summary>
    public long Count { get; private set; }

    public void Add(double value)
    {
        Append(0, value);
        Count++;
        if (++size >= maxSize)
        {
            Compress();
        }
    }

    /// <summary>Adds <paramref name="value"/> <paramref name="weight"/> times: one item at each level of a set bit of the weight.</summary>
    public void Add(double value, long weight)
    {
        for (var level = 0; weight > 0; level++, weight >>= 1)
        {
            if ((weight & 1) == 0)
            {
                continue;
            }

            while (levels.Count <= level)
            {
                Grow();
            }

            Insert(level, value);
            Count += 1L << level;
            size++;
        }

        while (size >= maxSize)
        {
            Compress();
        }
    }

    /// <summary>Every retained item with its weight, for a sorted view.</summary>
    public IEnumerable<(double Value, long Weight)> Items()
    {
        for (var level = 0; level < levels.Count; level++)
        {
            for (var i = 0; i < counts[level]; i++)
            {
                yield return (levels[level][i], 1L << level);
            }
        }
    }

    private void Append(int level, double value)
    {
        var items = Reserve(level, 1);
        items[counts[level]++] = value;
    }

    /// <summary>Adds an item to a level, where it keeps its order if the level is one kept sorted.</summary>
    private void Insert(int level, double value)
    {
        if (level == 0)
        {
            Append(level, value);
            return;
        }

        var items = Reserve(level, 1);
        var count = counts[level];
        var at = count;
        while (at > 0 && items[at - 1] > value)
        {
            items[at] = items[at - 1];
            at--;
        }

        items[at] = value;
        counts[level] = count + 1;
    }

    /// <summary>The level's array, grown to hold <paramref name="more"/> items beyond its count.</summary>
    private double[] Reserve(int level, int more)
    {
        var items = levels[level];
        var needed = counts[level] + more;
        if (needed > items.Length)
        {
            Array.Resize(ref items, Math.Max(Math.Max(2 * items.Length, MinCapacity), needed));
            levels[level] = items;
        }

        return items;
    }

    private void Grow()
    {
        levels.Add(new double[MinCapacity]);
        counts.Add(0);
        capacities = new int[levels.Count];
        maxSize = 0;
        for (var level = 0; level < levels.Count; level++)
        {
            var depth = levels.Count - level - 1;
            capacities[level] = Math.Max(MinCapacity, (int)Math.Ceiling(k * Math.Pow(CapacityDecay, depth)) + 1);
            maxSize += capacities[level];
        }
    }

    private void Compress()
    {
        for (var level = 0; level < levels.Count; level++)
        {
            if (counts[level] < capacities[level])
            {
                continue;
            }

            if (level + 1 >= levels.Count)
            {
                Grow();
            }

            size -= Compact(level);
            if (size < maxSize)
            {
                return;
            }
        }
    }

    /// <summary>Moves half the pairs of a sorted level up; returns how many items the sketch lost.</summary>
    private int Compact(int level)
    {
        var items = levels[level].AsSpan(0, counts[level]);
        if (level == 0)
        {
            items.Sort();
        }

        // An odd item out (the smallest) stays; of each following pair one survives, chosen by one random offset.
        var stay = items.Length % 2;
        var first = stay + (int)(random.Next() & 1);
        var moved = (items.Length - first + 1) / 2;
        MergeUp(level + 1, items, first, moved);
        counts[level] = stay;
        return items.Length - stay - moved;
    }

    /// <summary>
    /// Merges the <paramref name="moved"/> survivors at <paramref name="first"/>, <paramref name="first"/> + 2, ... of
    /// a sorted level into the sorted level <paramref name="level"/>, from the back so that nothing is copied twice.
    /// </summary>
    private void MergeUp(int level, ReadOnlySpan<double> from, int first, int moved)
    {
        var items = Reserve(level, moved);
        var mine = counts[level] - 1;
        var theirs = moved - 1;
        for (var to = counts[level] + moved - 1; theirs >= 0; to--)
        {
            var survivor = from[first + (2 * theirs)];
            if (mine >= 0 && items[mine] > survivor)
            {
                items[to] = items[mine--];
            }
            else
            {
                items[to] = survivor;
                theirs--;
            }
        }

        counts[level] += moved;
    }
}
