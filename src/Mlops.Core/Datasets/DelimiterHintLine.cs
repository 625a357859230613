namespace Mlops.Core.Datasets;

/// <summary>
/// The line "sep=;" some tools write first so that Excel splits the file on that delimiter. It is neither column names
/// nor data: the file is read from the line after it, with the delimiter it names (unless the spec names one).
/// </summary>
public static class DelimiterHintLine
{
    /// <summary>
    /// The delimiter <paramref name="line"/> names when it is such a line: "sep=" and one character, in any case,
    /// quoted or not, a trailing line end or spaces ignored; null otherwise.
    /// </summary>
    public static char? Read(ReadOnlySpan<char> line)
    {
        line = line.TrimStart('\uFEFF').TrimEnd("\r\n ");
        if (line.Length == 7 && line[0] == '"' && line[^1] == '"')
        {
            line = line[1..^1];
        }

        return line.Length == 5 && line.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) ? line[4] : null;
    }

    /// <summary>Whether <paramref name="line"/> is a hint for one of the delimiters read (<see cref="CsvDialect.Delimiters"/>).</summary>
    public static bool IsReadable(ReadOnlySpan<char> line) => Read(line) is { } delimiter && CsvDialect.Delimiters.Contains(delimiter);
}
