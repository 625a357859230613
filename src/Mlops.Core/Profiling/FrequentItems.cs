using System.Runtime.InteropServices;

namespace Mlops.Core.Profiling;

/// <summary>
/// Misra and Gries' frequent-items summary: counters for at most 2·capacity values; when they run out, every counter
/// drops by the median and the emptied ones are freed (amortized O(1) per value, as Apache DataSketches does). A value
/// that fills more than 1/capacity of the stream is always kept, and each count is low by at most <see cref="MaxError"/>.
/// Counters are keyed by the value's <see cref="ValueHash"/>, which the profiler has already computed, and the value's
/// text is copied only when it gets a counter: most values of a free-text column are seen once and purged soon after.
/// </summary>
internal sealed class FrequentItems
{
    private readonly int capacity;
    private readonly Dictionary<ulong, Counter> counts;
    private readonly List<ulong> emptied = [];
    private long[] scratch = [];

    public FrequentItems(int capacity)
    {
        this.capacity = capacity;
        counts = new Dictionary<ulong, Counter>((2 * capacity) + 1);
    }

    /// <summary>How far below the truth any count may be.</summary>
    public long MaxError { get; private set; }

    /// <summary>Counts <paramref name="value"/>, whose <see cref="ValueHash.Of"/> is <paramref name="hash"/>.</summary>
    public void Add(ReadOnlySpan<char> value, ulong hash)
    {
        ref var counter = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, hash, out var exists);
        if (exists)
        {
            counter.Count++;
            return;
        }

        counter = new Counter(value.ToString(), 1);
        if (counts.Count > 2 * capacity)
        {
            Purge();
        }
    }

    public void Add(string value, ulong hash, long weight)
    {
        ref var counter = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, hash, out var exists);
        if (exists)
        {
            counter.Count += weight;
            return;
        }

        counter = new Counter(value, weight);
        if (counts.Count > 2 * capacity)
        {
            Purge();
        }
    }

    /// <summary>The <paramref name="n"/> largest counts, largest first, ties in ordinal order.</summary>
    public IReadOnlyList<CategoryCount> Top(int n) =>
        [.. counts.Values.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(n).Select(c => new CategoryCount(c.Value, c.Count))];

    /// <summary>Drops every counter by the median, in place; which counters survive does not depend on their order.</summary>
    private void Purge()
    {
        if (scratch.Length < counts.Count)
        {
            scratch = new long[counts.Count * 2];
        }

        var values = scratch.AsSpan(0, counts.Count);
        var i = 0;
        foreach (var counter in counts.Values)
        {
            values[i++] = counter.Count;
        }

        values.Sort();
        var median = values[values.Length / 2];
        emptied.Clear();
        foreach (var (hash, _) in counts)
        {
            ref var counter = ref CollectionsMarshal.GetValueRefOrNullRef(counts, hash);
            if (counter.Count > median)
            {
                counter.Count -= median;
            }
            else
            {
                emptied.Add(hash);
            }
        }

        foreach (var hash in emptied)
        {
            counts.Remove(hash);
        }

        MaxError += median;
    }

    private record struct Counter(string Value, long Count);
}
