using System.Numerics;

namespace Mlops.Core.Profiling;

/// <summary>
/// Counts rows that repeat an earlier row, by 64-bit row hash, in bounded memory: exact up to a number of distinct
/// rows, then over the rows whose hash has its top bits zero (a 1-in-2^level sample that halves each time the bound is
/// reached). Identical rows have identical hashes, so they are sampled together and the sample's duplicate rate is an
/// unbiased estimate of the file's. Hashes and their counts share one open-addressing table, at most half full: a row
/// costs one probe, usually one cache miss, which is what bounds the profiler on large files. The outcome is the
/// same whatever order the rows come in.
/// </summary>
internal sealed class DuplicateRowCounter
{
    // Rows whose slots are read ahead together: enough independent loads in flight to hide most of each one's miss.
    private const int Batch = 16;

    private readonly int limit;
    private readonly Slot[] slots;
    private int distinct;
    private int level;
    private long sampledRows;

    public DuplicateRowCounter(int limit)
    {
        this.limit = limit;
        slots = new Slot[TableSize(limit)];
    }

    public bool Exact => level == 0;

    /// <summary>The share of rows kept in the sample (1 when exact).</summary>
    public double SampleRate => Math.ScaleB(1.0, -level);

    /// <summary>The share of rows that repeat an earlier one.</summary>
    public double DuplicateRate => sampledRows == 0 ? 0 : 1 - ((double)distinct / sampledRows);

    /// <summary>
    /// Adds rows as <see cref="Add"/> does one by one, with the same outcome. Each batch's slots are first read with no
    /// dependence between the reads, so that the processor waits for their cache misses side by side rather than one
    /// after the other, and the inserts then find them in cache.
    /// </summary>
    public void AddRange(ReadOnlySpan<ulong> rowHashes)
    {
        var mask = slots.Length - 1;
        ulong touched = 0;
        for (var start = 0; start < rowHashes.Length; start += Batch)
        {
            var batch = rowHashes.Slice(start, Math.Min(Batch, rowHashes.Length - start));
            foreach (var hash in batch)
            {
                if (InSample(hash))
                {
                    touched ^= slots[(int)hash & mask].Hash;
                }
            }

            foreach (var hash in batch)
            {
                Add(hash);
            }
        }

        // Kept so that the reads above are not optimized away.
        Touched = touched;
    }

    public void Add(ulong rowHash)
    {
        if (!InSample(rowHash))
        {
            return;
        }

        sampledRows++;
        if (Insert(slots, rowHash, 1) && ++distinct > limit)
        {
            // Until the sample fits: the level then depends only on the set of rows, never on their order.
            while (distinct > limit)
            {
                Subsample();
            }
        }
    }

    private ulong Touched { get; set; }

    private static int TableSize(int limit) => Math.Max(16, (int)BitOperations.RoundUpToPowerOf2((uint)limit) * 2);

    private bool InSample(ulong rowHash) => level == 0 || rowHash >> (64 - level) == 0;

    /// <summary>Adds to the hash's count; true when it was not in the table (a zero hash is stored as 1: 0 is empty).</summary>
    private static bool Insert(Slot[] table, ulong hash, long count)
    {
        hash = hash == 0 ? 1 : hash;
        var mask = table.Length - 1;

        // The low bits pick the slot: the top bits decide the sample, and survivors all have them zero.
        for (var index = (int)hash & mask; ; index = (index + 1) & mask)
        {
            ref var slot = ref table[index];
            if (slot.Hash == hash)
            {
                slot.Count += count;
                return false;
            }

            if (slot.Hash == 0)
            {
                slot = new Slot(hash, count);
                return true;
            }
        }
    }

    /// <summary>
    /// Halves the sample in place: rows leaving it are cleared, then every row left is re-placed, starting after an
    /// empty slot, so that none sits behind a gap its probe would stop at. The table is never copied.
    /// </summary>
    private void Subsample()
    {
        level++;
        distinct = 0;
        sampledRows = 0;
        var empty = -1;
        for (var i = 0; i < slots.Length; i++)
        {
            ref var slot = ref slots[i];
            if (slot.Hash != 0 && !InSample(slot.Hash))
            {
                slot = default;
            }

            if (slot.Hash == 0)
            {
                empty = empty < 0 ? i : empty;
                continue;
            }

            distinct++;
            sampledRows += slot.Count;
        }

        var mask = slots.Length - 1;
        for (var n = 1; n <= slots.Length; n++)
        {
            ref var slot = ref slots[(empty + n) & mask];
            if (slot.Hash != 0)
            {
                var moved = slot;
                slot = default;
                Insert(slots, moved.Hash, moved.Count);
            }
        }
    }

    private record struct Slot(ulong Hash, long Count);
}
