using nietras.SeparatedValues;

namespace Mlops.Core.Datasets;

/// <summary>
/// Lines that end with a delimiter ("a;b;c;"), as many exports write them: the empty field after it is not a column. The
/// header's last name is dropped when it is empty, and a row with one field more than the header, that field blank, is
/// read as the header's width. The gate, the columnar copy and scoring all read rows by this rule.
/// </summary>
internal static class TrailingDelimiter
{
    /// <summary>The header without the empty name a trailing delimiter adds (only the last, and never the only one).</summary>
    public static string[] Header(string[] names) =>
        names.Length > 1 && names[^1].Length == 0 && names[^2].Length > 0 ? names[..^1] : names;

    /// <summary>
    /// How many of the row's fields are data for a header of <paramref name="expected"/> names. Read from the row's raw
    /// text, not its fields: unescaping a field rewrites the row's text in place, and a ragged row's finding reads it.
    /// </summary>
    public static int Width(SepReader.Row row, int expected, char delimiter) =>
        row.ColCount == expected + 1 && row.Span.TrimEnd(' ') is { Length: > 0 } text && text[^1] == delimiter ? expected : row.ColCount;

    /// <summary>A row's raw text without its trailing delimiter, for a row <see cref="Width"/> read as one field short.</summary>
    public static ReadOnlySpan<char> Without(ReadOnlySpan<char> line) => line.TrimEnd(' ')[..^1];
}
