namespace Mlops.Core.Scoring;

/// <summary>Where a CSV's rows are, by byte offset: enough to cut it into chunks that each read their own byte range.</summary>
/// <param name="Rows">Data rows (the header and blank lines are not rows).</param>
/// <param name="ChunkStarts">The offset of each chunk's first byte: after the header, then every <c>chunkRows</c> rows.</param>
/// <param name="End">The file's length: the last chunk ends there.</param>
/// <param name="ChunkRows">Rows per chunk, the last one's excepted.</param>
public sealed record CsvRowIndex(long Rows, IReadOnlyList<long> ChunkStarts, long End, int ChunkRows)
{
    /// <summary>The chunks in file order: each one's byte range, the number of its first row and its row count.</summary>
    public IReadOnlyList<ChunkRange> Chunks()
    {
        var chunks = new ChunkRange[ChunkStarts.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            var first = ((long)i * ChunkRows) + 1;
            var end = i + 1 < chunks.Length ? ChunkStarts[i + 1] : End;
            chunks[i] = new ChunkRange(i, ChunkStarts[i], end, first, (int)Math.Min(ChunkRows, Rows - first + 1));
        }

        return chunks;
    }
}
