using nietras.SeparatedValues;

namespace Mlops.Core.Datasets;

/// <summary>
/// One data row as a reader hands it to an <see cref="ICsvRowSink"/>: its cells as unescaped character spans, valid
/// only during the call. Streaming rows come straight from the parser's buffer, so profiling a file allocates
/// nothing per cell; rows of a dataset already in memory are served from their strings.
/// </summary>
public readonly ref struct CsvRow
{
    private readonly SepReader.Row parsed;
    private readonly IReadOnlyList<string>? cells;

    internal CsvRow(SepReader.Row parsed)
    {
        this.parsed = parsed;
        cells = null;
    }

    public CsvRow(IReadOnlyList<string> cells)
    {
        parsed = default;
        this.cells = cells;
    }

    public int Count => cells?.Count ?? parsed.ColCount;

    public ReadOnlySpan<char> this[int index] => cells is null ? parsed[index].Span : cells[index];

    /// <summary>The cell as a string; the streaming reader shares equal strings of a column.</summary>
    public string GetString(int index) => cells is null ? parsed[index].ToString() : cells[index];
}
