using Mlops.Core.Profiling;

namespace Mlops.Core.Tests.Profiling;

/// <summary>
/// The straightforward KLL sketch the profiler's <see cref="KllSketch"/> must agree with item for item: every full level
/// is sorted before it is compacted and survivors are appended to the level above. Kept as it was before the sketch
/// learned to keep its upper levels sorted by merging.
/// </summary>
internal sealed class ReferenceKllSketch
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

    public ReferenceKllSketch(int k, ulong seed)
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

            Append(level, value);
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
        var items = levels[level];
        var count = counts[level];
        if (count == items.Length)
        {
            Array.Resize(ref items, Math.Max(2 * items.Length, MinCapacity));
            levels[level] = items;
        }

        items[count] = value;
        counts[level] = count + 1;
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
        items.Sort();

        // An odd item out (the smallest) stays; of each following pair one survives, chosen by one random offset.
        var stay = items.Length % 2;
        var offset = (int)(random.Next() & 1);
        var moved = 0;
        for (var i = stay + offset; i < items.Length; i += 2)
        {
            Append(level + 1, items[i]);
            moved++;
        }

        counts[level] = stay;
        return items.Length - stay - moved;
    }
}
