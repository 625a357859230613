using System.Buffers;

namespace Mlops.Core.Scoring;

/// <summary>
/// Finds a CSV's row boundaries without parsing its cells, so a file of any size is indexed at the speed of reading it
/// and each chunk can then read (and score) its own byte range in parallel with the others. A row ends at a line break
/// (CR, LF or CRLF) outside quotes; quotes toggle as the parser toggles them, so an escaped quote ("") and a line break
/// inside a quoted cell are read as the parser reads them. A line holding only blanks is not a row, as for the parser.
/// A UTF-16 file is indexed by its code units: every character the rules look at is ASCII, which UTF-16 writes as one
/// unit no other character (not even half of a surrogate pair) equals, so a unit stands for a byte of the same rules and
/// every boundary falls between two units.
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
    /// <param name="utf16BigEndian">For a UTF-16 file, its byte order; null for UTF-8 and Windows-1252.</param>
    public static async Task<CsvRowIndex> IndexAsync(Stream input, char delimiter, int chunkRows, CancellationToken cancellationToken, int leadingRows = 0, bool? utf16BigEndian = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkRows, 1);
        var blanks = SearchValues.Create(delimiter == '\t' ? " "u8 : " \t"u8);
        var state = new State(chunkRows, leadingRows);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read, carried = 0;
            while ((read = await input.ReadAsync(buffer.AsMemory(carried, BufferSize - carried), cancellationToken)) > 0)
            {
                if (utf16BigEndian is not { } bigEndian)
                {
                    Scan(buffer.AsSpan(0, read), state, blanks);
                    state.Offset += read;
                    continue;
                }

                var length = carried + read;
                var units = CodeUnitsAsBytes(buffer.AsSpan(0, length), bigEndian);
                Scan(buffer.AsSpan(0, units), state, blanks);
                state.Offset += units;
                carried = length % 2;
                if (carried == 1)
                {
                    buffer[0] = buffer[length - 1];
                }
            }

            state.EndRow(state.Offset);
            if (utf16BigEndian is not null)
            {
                // Offsets counted in code units, two bytes each; an odd last byte stays in the last chunk, whose reader refuses it.
                return new CsvRowIndex(state.Rows, state.Rows == 0 ? [] : [.. state.ChunkStarts.Select(s => s * 2)], (state.Offset * 2) + carried, chunkRows);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        // A header alone has no chunk to score.
        return new CsvRowIndex(state.Rows, state.Rows == 0 ? [] : state.ChunkStarts, state.Offset, chunkRows);
    }

    /// <summary>Whether a parsed line of one field is a blank line by the rule rows are indexed with.</summary>
    public static bool IsBlank(ReadOnlySpan<char> line, char delimiter) =>
        (delimiter == '\t' ? line.IndexOfAnyExcept(' ') : line.IndexOfAnyExcept(' ', '\t')) < 0;

    /// <summary>
    /// Writes each whole UTF-16 code unit of <paramref name="pairs"/> over its start as one byte (an ASCII unit as that
    /// byte, any other as 0x80, which no rule looks at) and answers how many: the unit at 2i lands at i, already read.
    /// </summary>
    private static int CodeUnitsAsBytes(Span<byte> pairs, bool bigEndian)
    {
        var units = pairs.Length / 2;
        var (high, low) = bigEndian ? (0, 1) : (1, 0);
        for (var u = 0; u < units; u++)
        {
            var value = pairs[(2 * u) + low];
            pairs[u] = pairs[(2 * u) + high] == 0 && value < 0x80 ? value : (byte)0x80;
        }

        return units;
    }

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
