namespace Mlops.Core.Datasets;

/// <summary>A parsed CSV held in memory: the header and its rows (all, or a sample) as raw strings.</summary>
public sealed class CsvDataset(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
{
    private readonly long? rowsInFile;

    public IReadOnlyList<string> Columns { get; } = columns;

    public IReadOnlyList<string[]> Rows { get; } = rows;

    /// <summary>How the file was written; its numbers are already in the product's form (a decimal point).</summary>
    public CsvDialect Dialect { get; init; } = CsvDialect.Standard;

    /// <summary>The file's data rows: more than <see cref="Rows"/> when these are a sample of them.</summary>
    public long RowsInFile
    {
        get => rowsInFile ?? Rows.Count;
        init => rowsInFile = value;
    }

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
