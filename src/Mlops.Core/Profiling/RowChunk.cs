using Mlops.Core.Datasets;

namespace Mlops.Core.Profiling;

/// <summary>
/// A block of rows copied out of the reader's buffer, which is valid only during one call: the profiled cells of each
/// row laid end to end in one character buffer, so that column groups can profile the block on other threads while the
/// reader parses on. Chunks are reused; the buffer grows to the widest block seen.
/// </summary>
internal sealed class RowChunk(int capacity, int width, int groups)
{
    private readonly int[] ends = new int[capacity * width];
    private char[] text = new char[Math.Max(1024, capacity * width * 8)];
    private int length;

    /// <summary>Per column group, each row's share of its row hash (summed over the group's columns).</summary>
    public ulong[][] RowHashes { get; } = [.. Enumerable.Range(0, groups).Select(_ => new ulong[capacity])];

    public int Count { get; private set; }

    public bool IsFull => Count == capacity;

    /// <summary>Column groups still profiling this chunk; the last to finish completes it.</summary>
    public int Pending;

    /// <summary>Copies the cells at <paramref name="columns"/> (header positions; a position past the row is an empty cell).</summary>
    public void Add(CsvRow row, int[] columns)
    {
        var cell = Count * width;
        foreach (var column in columns)
        {
            var value = column < row.Count ? row[column] : [];
            if (length + value.Length > text.Length)
            {
                Array.Resize(ref text, Math.Max(text.Length * 2, length + value.Length));
            }

            value.CopyTo(text.AsSpan(length));
            length += value.Length;
            ends[cell++] = length;
        }

        Count++;
    }

    /// <summary>The cell of row <paramref name="row"/> at profiled column <paramref name="column"/>, as the file wrote it.</summary>
    public ReadOnlySpan<char> Cell(int row, int column)
    {
        var index = (row * width) + column;
        var start = index == 0 ? 0 : ends[index - 1];
        return text.AsSpan(start, ends[index] - start);
    }

    public void Clear()
    {
        foreach (var hashes in RowHashes)
        {
            Array.Clear(hashes, 0, Count);
        }

        Count = 0;
        length = 0;
    }
}
