using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>
/// Decodes a CSV's bytes for the parser, checking them in the same pass, so that a bad byte is reported with its exact
/// offset and line rather than as a decoder failure a buffer later; the byte order mark is skipped, and a NUL byte
/// (binary files) rejected. A UTF-16 file (a UTF-16 byte order mark, or zero bytes on one side of each byte pair, as
/// its ASCII characters are written) is read through a transcoder to UTF-8 whatever the caller says, so the same
/// checks follow; offsets are then those of the UTF-8 text, lines those of the file. Otherwise the encoding is UTF-8 or
/// Windows-1252 as the caller says, or, when it says nothing, detected as the bytes go by: UTF-8 until a byte that is
/// not, and Windows-1252 from there on if every byte before it was ASCII (which both read alike), so a spreadsheet's
/// file is read whole without a look-ahead, wherever its first accented letter is. It also bounds the parser's memory:
/// a row (quotes balanced, as the parser counts them) longer than <see cref="MaxRowBytes"/> is an unclosed quote
/// swallowing the rest of the file, which the parser would otherwise buffer whole.
/// </summary>
internal sealed class CsvTextReader(Stream source, int maxRowBytes = CsvTextReader.DefaultMaxRowBytes, CsvEncoding? encoding = null) : TextReader
{
    public const int DefaultMaxRowBytes = 8 * 1024 * 1024;

    private const int BufferSize = 1 << 16;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly SearchValues<byte> QuoteOrLineEnd = SearchValues.Create("\"\n\r"u8);

    private readonly byte[] bytes = new byte[BufferSize];

    // UTF-16 is detected from the file, never taken on the caller's word, so a caller's "UTF-16" means "detect".
    private readonly CsvEncoding? declared = encoding == CsvEncoding.Utf16 ? null : encoding;

    // The file's bytes, or, for a UTF-16 file, the UTF-8 its transcoder makes of them.
    private Stream input = source;
    private Stream? transcoder;

    // bytes[start..end) are read and not yet decoded; bytes[start..tracked) have been checked for rows and NULs.
    private int start;
    private int tracked;
    private int end;
    private bool begun;
    private bool sourceDone;

    // Absolute offset (in the file, byte order mark included) of bytes[0], and lines before bytes[start].
    private long bufferOffset;
    private long linesBefore;
    private long trackedLines;

    // The second half of a surrogate pair that a one-char read had no room for.
    private char? pending;

    private bool inQuotes;
    private long rowStartOffset;
    private long rowStartLine = 1;

    // Detecting: no byte of 0x80 or above has been decoded yet, so the file may still turn out to be Windows-1252.
    private bool asciiSoFar = encoding is null or CsvEncoding.Utf16;

    public int MaxRowBytes { get; } = maxRowBytes;

    /// <summary>The encoding the bytes read so far were decoded with.</summary>
    public CsvEncoding Encoding { get; private set; } = encoding is null or CsvEncoding.Utf16 ? CsvEncoding.Utf8 : encoding.Value;

    public override int Peek() => throw new NotSupportedException("The CSV reader reads blocks.");

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> destination)
    {
        if (destination.IsEmpty)
        {
            return 0;
        }

        if (pending is { } low)
        {
            destination[0] = low;
            pending = null;
            return 1;
        }

        while (true)
        {
            if (start == end && !Fill())
            {
                return 0;
            }

            var available = bytes.AsSpan(start, end - start);
            if (Encoding == CsvEncoding.Windows1252)
            {
                var decoded = Math.Min(available.Length, destination.Length);
                Windows1252.Decode(available[..decoded], destination);
                linesBefore += available[..decoded].Count((byte)'\n');
                start += decoded;
                return decoded;
            }

            var status = Utf8.ToUtf16(available, destination, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: sourceDone);
            if (read > 0)
            {
                asciiSoFar = asciiSoFar && !available[..read].ContainsAnyInRange((byte)0x80, (byte)0xFF);
                linesBefore += available[..read].Count((byte)'\n');
                start += read;
            }

            if (status == OperationStatus.InvalidData && written == 0)
            {
                if (asciiSoFar)
                {
                    // Everything before this byte reads the same in both encodings: go on in Windows-1252.
                    Encoding = CsvEncoding.Windows1252;
                    asciiSoFar = false;
                    continue;
                }

                throw BadByte(start, declared is null
                    ? "The file is not valid UTF-8, though it begins as UTF-8 (a byte order mark, or UTF-8 letters before this byte), so it mixes two encodings"
                    : "The file is not valid UTF-8, the encoding the model's spec gives");
            }

            if (written > 0)
            {
                return written;
            }

            if (status == OperationStatus.DestinationTooSmall)
            {
                // Room for one char and a character needing two: hand out its first half now, the other next time.
                Span<char> pair = stackalloc char[2];
                Utf8.ToUtf16(bytes.AsSpan(start, end - start), pair, out read, out _, replaceInvalidSequences: false, isFinalBlock: sourceDone);
                asciiSoFar = false;
                linesBefore += bytes.AsSpan(start, read).Count((byte)'\n');
                start += read;
                destination[0] = pair[0];
                pending = pair[1];
                return 1;
            }

            // NeedMoreData: the rest is the start of a character; read on.
            if (!Fill())
            {
                return 0;
            }
        }
    }

    /// <summary>Reads more bytes behind those not yet decoded; false when the source is done and nothing is left.</summary>
    private bool Fill()
    {
        if (sourceDone)
        {
            if (start < end && Encoding == CsvEncoding.Utf8)
            {
                throw BadByte(start, "The file is not valid UTF-8 (it ends in the middle of a character)");
            }

            return false;
        }

        var kept = end - start;
        bufferOffset += start;
        bytes.AsSpan(start, kept).CopyTo(bytes);
        tracked -= start;
        start = 0;
        end = kept;

        // The encoding is told from the file's head: a byte order mark needs its bytes together, and UTF-16 without
        // one a few of its lines, while a source may hand them out one by one.
        do
        {
            var read = ReadInput(end);
            if (read == 0)
            {
                sourceDone = true;
                break;
            }

            end += read;
        }
        while (!begun && end < Utf16Text.SniffBytes);

        if (!begun)
        {
            begun = true;
            if (DetectEncoding())
            {
                return Fill();
            }
        }

        Track();
        return start < end || !sourceDone || Fill();
    }

    /// <summary>
    /// Skips a UTF-8 byte order mark; for a UTF-16 file, puts a transcoder to UTF-8 in front of the bytes read so far and
    /// the rest, and answers true: what was read is then to be read again through it.
    /// </summary>
    private bool DetectEncoding()
    {
        var head = bytes.AsSpan(0, end);
        if (head.StartsWith(Utf8Bom))
        {
            // The file says it is UTF-8: a byte that is not is an error, not a sign of Windows-1252.
            asciiSoFar = false;
            start = tracked = Utf8Bom.Length;
            rowStartOffset = Utf8Bom.Length;
            return false;
        }

        if (Utf16Text.ByteOrder(head, out var mark) is not { } bigEndian)
        {
            return false;
        }

        var utf16 = new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
        transcoder = System.Text.Encoding.CreateTranscodingStream(
            new PrefixedStream(head[mark..].ToArray(), input), utf16, new UTF8Encoding(false), leaveOpen: true);
        input = transcoder;
        Encoding = CsvEncoding.Utf16;
        asciiSoFar = false;
        start = tracked = end = 0;
        sourceDone = false;
        return true;
    }

    private int ReadInput(int at)
    {
        try
        {
            return input.Read(bytes, at, bytes.Length - at);
        }
        catch (DecoderFallbackException)
        {
            throw Fault(ValidationRules.BadEncoding, string.Create(CultureInfo.InvariantCulture,
                $"The file is UTF-16, but after line {trackedLines + 1} it holds bytes that are not UTF-16 text (half of a character pair, or an odd byte at its end); save the file as UTF-8."));
        }
    }

    /// <summary>Follows quotes and line ends over the new bytes to know where the current row began; fails a row that never ends.</summary>
    private void Track()
    {
        var chunk = bytes.AsSpan(tracked, end - tracked);
        var chunkOffset = bufferOffset + tracked;
        var nul = chunk.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw Fault(ValidationRules.BadEncoding, string.Create(CultureInfo.InvariantCulture,
                $"The file is not UTF-8 text: it holds a NUL byte at byte offset {chunkOffset + nul} (line {trackedLines + chunk[..nul].Count((byte)'\n') + 1}), as UTF-16 and binary files do; save the file as UTF-8."));
        }

        var newlines = chunk.Count((byte)'\n');
        if (!inQuotes && !chunk.Contains((byte)'"'))
        {
            // A lone '\r' ends a row as the parser sees it (old Mac line ends); lines are still counted by '\n'.
            var last = chunk.LastIndexOfAny((byte)'\n', (byte)'\r');
            if (last >= 0)
            {
                rowStartOffset = chunkOffset + last + 1;
                rowStartLine = trackedLines + newlines + 1;
            }
        }
        else
        {
            var line = trackedLines;
            var position = 0;
            int next;
            while ((next = chunk[position..].IndexOfAny(QuoteOrLineEnd)) >= 0)
            {
                position += next;
                if (chunk[position] == (byte)'"')
                {
                    // A doubled quote inside a quoted field toggles twice: parity is all the parser counts.
                    inQuotes = !inQuotes;
                }
                else
                {
                    line += chunk[position] == (byte)'\n' ? 1 : 0;
                    if (!inQuotes)
                    {
                        rowStartOffset = chunkOffset + position + 1;
                        rowStartLine = line + 1;
                    }
                }

                position++;
            }
        }

        trackedLines += newlines;
        tracked = end;
        if (chunkOffset + chunk.Length - rowStartOffset > MaxRowBytes)
        {
            var hint = inQuotes ? " A quoted field is probably missing its closing quote." : " Rows this long cannot be profiled.";
            throw Fault(ValidationRules.MalformedCsv, string.Create(CultureInfo.InvariantCulture,
                $"The row starting at line {rowStartLine} runs on for more than {MaxRowBytes:N0} bytes without ending.{hint}"));
        }
    }

    private CsvReadFault BadByte(int index, string what) =>
        Fault(ValidationRules.BadEncoding, string.Create(CultureInfo.InvariantCulture,
            $"{what}: byte 0x{bytes[index]:X2} at byte offset {bufferOffset + index} (line {linesBefore + bytes.AsSpan(start, index - start).Count((byte)'\n') + 1}) cannot be decoded. Save the file as UTF-8, or, if it was saved in Windows-1252 (Excel's \"CSV\" in Western European and American locales), set \"encoding\": \"windows-1252\" in the model's spec."));

    private static CsvReadFault Fault(string rule, string message) => new(rule, message);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            transcoder?.Dispose();
        }

        base.Dispose(disposing);
    }
}
