using System.Buffers;
using System.Text;

namespace Mlops.Core.Scoring;

/// <summary>Writes CSV cells as RFC 4180 says: comma-delimited, a cell quoted (quotes doubled) only when it must be.</summary>
internal static class CsvCells
{
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\r\n");

    public static void Append(StringBuilder line, ReadOnlySpan<char> cell)
    {
        if (!cell.ContainsAny(NeedQuotes))
        {
            line.Append(cell);
            return;
        }

        line.Append('"');
        foreach (var c in cell)
        {
            line.Append(c);
            if (c == '"')
            {
                line.Append('"');
            }
        }

        line.Append('"');
    }

    /// <summary>One line of cells, ended with "\n".</summary>
    public static void AppendLine(StringBuilder text, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }

            Append(text, cell);
            first = false;
        }

        text.Append('\n');
    }
}
