using System.Runtime.InteropServices;

namespace Mlops.Core.Profiling;

/// <summary>
/// Misra and Gries' frequent-items summary: counters for at most 2·capacity values; when they run out, every counter
/// drops by the median and the emptied ones are freed (amortized O(1) per value, as Apache DataSketches does). A value
/// that fills more than 1/capacity of the stream is always kept, and each count is low by at most <see cref="MaxError"/>.
/// </summary>
internal sealed class FrequentItems
{
    private readonly int capacity;
    private Dictionary<string, long> counts;
    private Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public FrequentItems(int capacity)
    {
        this.capacity = capacity;
        counts = new Dictionary<string, long>((2 * capacity) + 1, StringComparer.Ordinal);
        lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>How far below the truth any count may be.</summary>
    public long MaxError { get; private set; }

    public void Add(ReadOnlySpan<char> value)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, value, out var exists);
        count++;
        if (!exists && counts.Count > 2 * capacity)
        {
            Purge();
        }
    }

    public void Add(string value, long weight)
    {
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, value, out var exists);
        count += weight;
        if (!exists && counts.Count > 2 * capacity)
        {
            Purge();
        }
    }

    /// <summary>The <paramref name="n"/> largest counts, largest first, ties in ordinal order.</summary>
    public IReadOnlyList<CategoryCount> Top(int n) =>
        [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(n).Select(c => new CategoryCount(c.Key, c.Value))];

    private void Purge()
    {
        var values = counts.Values.ToArray();
        Array.Sort(values);
        var median = values[values.Length / 2];
        var kept = new Dictionary<string, long>((2 * capacity) + 1, StringComparer.Ordinal);
        foreach (var (value, count) in counts)
        {
            if (count > median)
            {
                kept[value] = count - median;
            }
        }

        MaxError += median;
        counts = kept;
        lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
