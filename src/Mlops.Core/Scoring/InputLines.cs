using System.Text;
using Mlops.Core.Datasets;
using nietras.SeparatedValues;

namespace Mlops.Core.Scoring;

/// <summary>
/// The input lines of a chunk's kept rows, as UTF-8 without their line ends, in one buffer: the output repeats each one
/// before what the model said of it. A comma-delimited line is kept as written; a line of another dialect is rewritten
/// comma-delimited with a decimal point, its cells quoted where they must be.
/// </summary>
internal sealed class InputLines(CsvDialect dialect, long expectedBytes)
{
    private readonly bool verbatim = dialect == CsvDialect.Standard;
    private readonly List<int> ends = [];
    private readonly StringBuilder rewritten = new();
    private byte[] bytes = new byte[(int)Math.Clamp(expectedBytes, 1024, Array.MaxLength)];

    public CsvDialect Dialect => dialect;

    /// <summary>Bytes kept so far.</summary>
    public int Length { get; private set; }

    /// <summary>
    /// Starts a row (its text as the parser read it, before any cell was unescaped); returns where it began. A line that
    /// ends with delimiters (<see cref="TrailingDelimiter"/>) is kept without its <paramref name="emptyTail"/> empty
    /// fields, so the answer's columns line up.
    /// </summary>
    public int Begin(ReadOnlySpan<char> line, int emptyTail = 0)
    {
        var mark = Length;
        if (verbatim)
        {
            Append(emptyTail > 0 ? TrailingDelimiter.Without(line, emptyTail, dialect.Delimiter) : line);
        }

        return mark;
    }

    /// <summary>Forgets the row begun at <paramref name="mark"/>: it was rejected.</summary>
    public void Undo(int mark) => Length = mark;

    /// <summary>Keeps the row begun last, of <paramref name="width"/> fields.</summary>
    public void End(SepReader.Row row, int width)
    {
        if (!verbatim)
        {
            rewritten.Clear();
            for (var i = 0; i < width; i++)
            {
                if (i > 0)
                {
                    rewritten.Append(',');
                }

                CsvCells.Append(rewritten, dialect.Normalize(row[i].ToString()));
            }

            foreach (var chunk in rewritten.GetChunks())
            {
                Append(chunk.Span);
            }
        }

        ends.Add(Length);
    }

    /// <summary>The <paramref name="index"/>th kept row's line.</summary>
    public ReadOnlySpan<byte> Line(int index)
    {
        var start = index == 0 ? 0 : ends[index - 1];
        return bytes.AsSpan(start, ends[index] - start);
    }

    private void Append(ReadOnlySpan<char> text)
    {
        var needed = Length + Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > bytes.Length)
        {
            Array.Resize(ref bytes, (int)Math.Min(Math.Max(needed, (long)bytes.Length * 2), Array.MaxLength));
        }

        Length += Encoding.UTF8.GetBytes(text, bytes.AsSpan(Length));
    }
}
