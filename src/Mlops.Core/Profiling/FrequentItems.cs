using System.Runtime.InteropServices;

namespace Mlops.Core.Profiling;

/// <summary>
/// Misra and Gries' frequent-items summary: counters for at most 2·capacity values; when they run out, every counter
/// drops by the median and the emptied ones are freed (amortized O(1) per value, as Apache DataSketches does). A value
/// that fills more than 1/capacity of the stream is always kept, and each count is low by at most <see cref="MaxError"/>.
/// Counters are keyed by the value's <see cref="ValueHash"/>, which the profiler has already computed, and their text
/// is kept end to end in one buffer that each purge compacts: most values of a free-text column are seen once and
/// purged soon after, and a string for each would make the collector the column's main cost.
/// </summary>
internal sealed class FrequentItems
{
    private readonly int capacity;
    private readonly Dictionary<ulong, Counter> counts;
    private readonly List<ulong> emptied = [];
    private char[] text = new char[1024];
    private char[] spare = new char[1024];
    private int length;
    private long[] scratch = [];

    public FrequentItems(int capacity)
    {
        this.capacity = capacity;
        counts = new Dictionary<ulong, Counter>((2 * capacity) + 1);
    }

    /// <summary>How far below the truth any count may be.</summary>
    public long MaxError { get; private set; }

    /// <summary>Counts <paramref name="value"/>, whose <see cref="ValueHash.Of"/> is <paramref name="hash"/>, <paramref name="weight"/> times.</summary>
    public void Add(ReadOnlySpan<char> value, ulong hash, long weight = 1)
    {
        ref var counter = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, hash, out var exists);
        if (exists)
        {
            counter.Count += weight;
            return;
        }

        counter = new Counter(Store(value), value.Length, weight);
        if (counts.Count > 2 * capacity)
        {
            Purge();
        }
    }

    /// <summary>The <paramref name="n"/> largest counts, largest first, ties in ordinal order.</summary>
    public IReadOnlyList<CategoryCount> Top(int n) =>
        [.. counts.Values.Select(c => new CategoryCount(new string(text, c.Start, c.Length), c.Count))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(n)];

    private int Store(ReadOnlySpan<char> value)
    {
        if (length + value.Length > text.Length)
        {
            Array.Resize(ref text, Math.Max(2 * text.Length, length + value.Length));
        }

        var start = length;
        value.CopyTo(text.AsSpan(start));
        length += value.Length;
        return start;
    }

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
        if (spare.Length < text.Length)
        {
            spare = new char[text.Length];
        }

        // Survivors' text moves to the spare buffer, which becomes the buffer: the emptied counters' text is dropped.
        var kept = 0;
        foreach (var (hash, _) in counts)
        {
            ref var counter = ref CollectionsMarshal.GetValueRefOrNullRef(counts, hash);
            if (counter.Count > median)
            {
                text.AsSpan(counter.Start, counter.Length).CopyTo(spare.AsSpan(kept));
                counter = new Counter(kept, counter.Length, counter.Count - median);
                kept += counter.Length;
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

        (text, spare) = (spare, text);
        length = kept;
        MaxError += median;
    }

    private record struct Counter(int Start, int Length, long Count);
}
