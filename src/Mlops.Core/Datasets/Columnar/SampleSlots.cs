namespace Mlops.Core.Datasets.Columnar;

/// <summary>
/// Which rows a <see cref="RowSampling"/> keeps while a file streams by, as slots of bounded storage: the rows with
/// the lowest priorities overall, and in each stratum its floor of lowest-priority rows. A slot is held while either
/// keeps its row and handed to a newcomer when neither does, so storage never exceeds the sample and the floors.
/// </summary>
internal sealed class SampleSlots(RowSampling sampling)
{
    private readonly Heap sample = new(sampling.MaxRows);
    private readonly Dictionary<int, Heap> strata = [];
    private readonly Stack<int> free = new();
    private int[] holders = [];
    private int next;

    /// <summary>
    /// A slot for the row when it enters the sample or its stratum's floor (-1 for none); false when it enters neither.
    /// </summary>
    public bool TryAdmit(ulong priority, int stratum, out int slot)
    {
        Heap? floor = null;
        if (stratum >= 0 && sampling.MinRowsPerStratum > 0 && !strata.TryGetValue(stratum, out floor))
        {
            strata[stratum] = floor = new Heap(sampling.MinRowsPerStratum);
        }

        var inSample = sample.Admits(priority);
        var inFloor = floor?.Admits(priority) ?? false;
        if (!inSample && !inFloor)
        {
            slot = -1;
            return false;
        }

        slot = free.Count > 0 ? free.Pop() : next++;
        if (slot >= holders.Length)
        {
            Array.Resize(ref holders, Math.Max(16, holders.Length * 2));
        }

        if (inSample)
        {
            Hold(slot, sample.Push(priority, slot));
        }

        if (inFloor)
        {
            Hold(slot, floor!.Push(priority, slot));
        }

        return true;
    }

    /// <summary>The slots still held.</summary>
    public IEnumerable<int> Held() => Enumerable.Range(0, next).Where(s => holders[s] > 0);

    private void Hold(int slot, int evicted)
    {
        holders[slot]++;
        if (evicted >= 0 && --holders[evicted] == 0)
        {
            free.Push(evicted);
        }
    }

    /// <summary>The lowest-priority slots seen, at most <c>capacity</c> of them (a max-heap: the highest leaves first).</summary>
    private sealed class Heap(int capacity)
    {
        private readonly PriorityQueue<int, ulong> queue = new(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));

        public bool Admits(ulong priority) =>
            capacity > 0 && (queue.Count < capacity || (queue.TryPeek(out _, out var highest) && priority < highest));

        /// <summary>Adds an admitted slot; returns the slot it evicted, or -1.</summary>
        public int Push(ulong priority, int slot)
        {
            if (queue.Count < capacity)
            {
                queue.Enqueue(slot, priority);
                return -1;
            }

            return queue.DequeueEnqueue(slot, priority);
        }
    }
}
