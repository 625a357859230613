using System.Buffers;

namespace Mlops.Core.Scoring;

/// <summary>
/// Finds a CSV's row boundaries without parsing its cells, so a file of any size is indexed at the speed of reading it
/// and each chunk can then read (and score) its own byte range in parallel with the others. A row ends at a line break
/// (CR, LF or CRLF) outside quotes; quotes toggle as the parser toggles them, so an escaped quote ("") and a line break
/// inside a quoted cell are read as the parser reads them. A line holding only blanks is not a row, as for the parser.
/// </summary>
public static class CsvRowIndexer
{
    private const int BufferSize = 1 << 20;

    private static readonly SearchValues<byte> QuoteOrLineEnd = SearchValues.Create("\"\r\n"u8);

    /// <param name="input">The file's bytes from its start.</param>
    /// <param name="delimiter">The file's delimiter: a tab is a blank unless it delimits.</param>
    /// <param name="chunkRows">Rows per chunk.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <param name="leadingRows">Rows before the header that are neither names nor data (Excel's "sep=;" line).</param>
    public static async Task<CsvRowIndex> IndexAsync(Stream input, char delimiter, int chunkRows, CancellationToken cancellationToken, int leadingRows = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var blanks = SearchValues.Create(delimiter == '\t' ? " "u8 : " \t"u8);
        var state = new State(chunkRows, leadingRows);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                Scan(buffer.AsSpan(0, read), state, blanks);
                state.Offset += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        state.EndRow(state.Offset);

        // A header alone has no chunk to score.
        return new CsvRowIndex(state.Rows, state.Rows == 0 ? [] : state.ChunkStarts, state.Offset, chunkRows);
    }

    /// <summary>Whether a parsed line of one field is a blank line by the rule rows are indexed with.</summary>
    public static bool IsBlank(ReadOnlySpan<char> line, char delimiter) =>
        (delimiter == '\t' ? line.IndexOfAnyExcept(' ') : line.IndexOfAnyExcept(' ', '\t')) < 0;

    private static void Scan(ReadOnlySpan<byte> bytes, State state, SearchValues<byte> blanks)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            if (state.InQuotes)
            {
                var close = bytes[i..].IndexOf((byte)'"');
                if (close < 0)
                {
                    return;
                }

                state.InQuotes = false;
                i += close + 1;
                continue;
            }

            var next = bytes[i..].IndexOfAny(QuoteOrLineEnd);
            var stop = next < 0 ? bytes.Length : i + next;
            if (state.Blank && bytes[i..stop].IndexOfAnyExcept(blanks) >= 0)
            {
                state.Blank = false;
            }

            if (next < 0)
            {
                return;
            }

            if (bytes[stop] == '"')
            {
                state.InQuotes = true;
                state.Blank = false;
            }
            else
            {
                // CRLF ends a row at CR and leaves an empty line before LF, which is blank and so not a row.
                state.EndRow(state.Offset + stop + 1);
            }

            i = stop + 1;
        }
    }

    private sealed class State(int chunkRows, int leadingRows)
    {
        public List<long> ChunkStarts { get; } = [];

        public long Offset { get; set; }

        public long Rows { get; private set; }

        public bool InQuotes { get; set; }

        public bool Blank { get; set; } = true;

        private long rowStart;
        private int leading = leadingRows;
        private bool header;

        /// <summary>The row that began at <see cref="rowStart"/> ends before <paramref name="next"/>, where the next one begins.</summary>
        public void EndRow(long next)
        {
            if (!Blank)
            {
                if (leading > 0)
                {
                    leading--;
                }
                else if (!header)
                {
                    header = true;
                    ChunkStarts.Add(next);
                }
                else
                {
                    if (Rows > 0 && Rows % chunkRows == 0)
                    {
                        ChunkStarts.Add(rowStart);
                    }

                    Rows++;
                }
            }

            rowStart = next;
            Blank = true;
        }
    }
}
