using Mlops.Core.Profiling;

namespace Mlops.Core.Datasets;

/// <summary>
/// Keeps the rows a <see cref="RowSampling"/> draws as they stream by, in memory bounded by the sample (and the floor
/// of each stratum), whatever the file's length; a row's strings are made only when it enters the sample. The rows
/// come out in file order, so what follows (folds, the holdout) sees them as it would see the whole file.
/// </summary>
internal sealed class SampledRowCollector(RowSampling sampling) : ICsvRowSink
{
    private readonly Heap sample = new(sampling.MaxRows);
    private readonly Dictionary<string, Heap> strata = new(StringComparer.Ordinal);
    private int stratifyBy = -1;
    private long position;

    /// <summary>Rows read, sampled or not.</summary>
    public long RowsRead => position;

    public void Header(IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        stratifyBy = sampling.StratifyBy is null ? -1 : columns.ToList().IndexOf(sampling.StratifyBy);
    }

    public void Row(CsvRow row)
    {
        var at = position++;
        var priority = SplitMix64.Mix(sampling.Seed ^ SplitMix64.Mix((ulong)at));
        var keep = sample.Admits(priority);
        Heap? stratum = null;
        if (stratifyBy >= 0 && sampling.MinRowsPerStratum > 0)
        {
            var value = stratifyBy < row.Count ? row[stratifyBy].Trim() : [];
            var lookup = strata.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(value, out stratum))
            {
                stratum = new Heap(sampling.MinRowsPerStratum);
                strata[value.ToString()] = stratum;
            }

            keep |= stratum.Admits(priority);
        }

        if (!keep)
        {
            return;
        }

        var kept = new Kept(at, Cells(row));
        sample.Offer(priority, kept);
        stratum?.Offer(priority, kept);
    }

    /// <summary>The sample and every stratum's floor, each row once, in file order.</summary>
    public List<string[]> Rows()
    {
        var kept = new Dictionary<long, string[]>();
        foreach (var row in sample.Rows.Concat(strata.Values.SelectMany(s => s.Rows)))
        {
            kept.TryAdd(row.Position, row.Cells);
        }

        return [.. kept.OrderBy(k => k.Key).Select(k => k.Value)];
    }

    private static string[] Cells(CsvRow row)
    {
        var values = new string[row.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = row.GetString(i);
        }

        return values;
    }

    private sealed record Kept(long Position, string[] Cells);

    /// <summary>The lowest-priority rows seen, at most <c>capacity</c> of them (a max-heap: the highest leaves first).</summary>
    private sealed class Heap(int capacity)
    {
        private readonly PriorityQueue<Kept, ulong> queue = new(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));

        public IEnumerable<Kept> Rows => queue.UnorderedItems.Select(i => i.Element);

        public bool Admits(ulong priority) =>
            capacity > 0 && (queue.Count < capacity || (queue.TryPeek(out _, out var highest) && priority < highest));

        public void Offer(ulong priority, Kept row)
        {
            if (!Admits(priority))
            {
                return;
            }

            if (queue.Count < capacity)
            {
                queue.Enqueue(row, priority);
            }
            else
            {
                queue.DequeueEnqueue(row, priority);
            }
        }
    }
}
