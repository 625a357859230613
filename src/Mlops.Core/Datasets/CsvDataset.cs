namespace Mlops.Core.Datasets;

/// <summary>A parsed CSV held in memory: the header and its rows as raw strings (a small file, or a test's).</summary>
public sealed class CsvDataset(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
{
    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<string[]> Rows { get; } = rows;

    /// <summary>How the file was written; its numbers are already in the product's form (a decimal point).</summary>
    public CsvDialect Dialect { get; init; } = CsvDialect.Standard;

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
