using nietras.SeparatedValues;

namespace Mlops.Core.Datasets;

/// <summary>
/// Lines that end with delimiters ("a;b;c;", or "a,b,c,,," as Excel exports a sheet whose empty columns to the right
/// were once formatted), as many exports write them: the empty fields after them are not columns. The header's empty
/// names at its end are dropped (never its only one), and a row with more fields than the header, the extra ones empty,
/// is read as the header's width. The gate, the columnar copy and scoring all read rows by this rule.
/// </summary>
internal static class TrailingDelimiter
{
    /// <summary>The header without the empty names trailing delimiters add (at its end only, never the first name).</summary>
    public static string[] Header(string[] names)
    {
        var width = names.Length;
        while (width > 1 && names[width - 1].Length == 0)
        {
            width--;
        }

        return width == names.Length || names[width - 1].Length == 0 ? names : names[..width];
    }

    /// <summary>
    /// How many of the row's fields are data for a header of <paramref name="expected"/> names. Read from the row's raw
    /// text, not its fields: unescaping a field rewrites the row's text in place, and a ragged row's finding reads it.
    /// </summary>
    public static int Width(SepReader.Row row, int expected, char delimiter) =>
        row.ColCount > expected && EmptyTail(row.Span, delimiter) >= row.ColCount - expected ? expected : row.ColCount;

    /// <summary>A row's raw text without its <paramref name="extra"/> trailing empty fields, for a row <see cref="Width"/> read as that much shorter.</summary>
    public static ReadOnlySpan<char> Without(ReadOnlySpan<char> line, int extra, char delimiter)
    {
        var end = line.Length;
        for (var dropped = 0; dropped < extra;)
        {
            end--;
            dropped += line[end] == delimiter ? 1 : 0;
        }

        return line[..end];
    }

    /// <summary>How many empty fields the line ends with: the delimiters in its trailing run of delimiters and spaces.</summary>
    private static int EmptyTail(ReadOnlySpan<char> line, char delimiter)
    {
        var count = 0;
        for (var i = line.Length - 1; i >= 0 && (line[i] == delimiter || line[i] == ' '); i--)
        {
            count += line[i] == delimiter ? 1 : 0;
        }

        return count;
    }
}
