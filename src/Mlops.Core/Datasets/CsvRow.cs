using nietras.SeparatedValues;

namespace Mlops.Core.Datasets;

/// <summary>
/// One data row as a reader hands it to an <see cref="ICsvRowSink"/>: its cells as unescaped character spans, valid
/// only during the call. Streaming rows come straight from the parser's buffer (or, for Parquet, from one buffer the
/// row's values are formatted into), so profiling a file allocates nothing per cell; rows of a dataset already in
/// memory are served from their strings.
/// </summary>
public readonly ref struct CsvRow
{
    private readonly SepReader.Row parsed;
    private readonly IReadOnlyList<string>? cells;
    private readonly ReadOnlySpan<char> text;
    private readonly ReadOnlySpan<int> ends;
    private readonly bool formatted;
    private readonly int width;

    /// <param name="parsed">The parser's row.</param>
    /// <param name="width">Its fields that are data (<see cref="TrailingDelimiter.Width"/>).</param>
    internal CsvRow(SepReader.Row parsed, int width)
    {
        this.parsed = parsed;
        this.width = width;
        cells = null;
    }

    public CsvRow(IReadOnlyList<string> cells)
    {
        parsed = default;
        this.cells = cells;
    }

    /// <summary>Cells laid end to end in <paramref name="text"/>: cell i ends at <c>ends[i]</c>, where cell i + 1 starts.</summary>
    internal CsvRow(ReadOnlySpan<char> text, ReadOnlySpan<int> ends)
    {
        parsed = default;
        cells = null;
        this.text = text;
        this.ends = ends;
        formatted = true;
    }

    public int Count => formatted ? ends.Length : cells?.Count ?? width;

    public ReadOnlySpan<char> this[int index] =>
        formatted ? text[(index == 0 ? 0 : ends[index - 1])..ends[index]] : cells is null ? parsed[index].Span : cells[index];

    /// <summary>The cell as a string; the streaming reader shares equal strings of a column.</summary>
    public string GetString(int index) => formatted ? this[index].ToString() : cells is null ? parsed[index].ToString() : cells[index];
}
