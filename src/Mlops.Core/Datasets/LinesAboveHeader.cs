namespace Mlops.Core.Datasets;

/// <summary>The lines above the header that are not names: Excel's "sep=" line first, then the dialect's preamble.</summary>
internal sealed class LinesAboveHeader(CsvDialect dialect)
{
    private bool first = true;
    private int preambleLeft = dialect.PreambleLines;

    /// <summary>Lines skipped so far.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the next non-blank line before the header is skipped.</summary>
    public bool Skips(ReadOnlySpan<char> line)
    {
        var hint = first && DelimiterHintLine.IsReadable(line);
        first = false;
        if (!hint && preambleLeft == 0)
        {
            return false;
        }

        preambleLeft -= hint ? 0 : 1;
        Count++;
        return true;
    }
}
