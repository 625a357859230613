namespace Mlops.Core.Datasets;

/// <summary>Receives a CSV as <see cref="CsvDatasetReader"/> streams it: the header once, then every well-formed row.</summary>
public interface ICsvRowSink
{
    /// <summary>The column names, trimmed, unique and non-empty.</summary>
    void Header(IReadOnlyList<string> columns);

    /// <summary>A data row with exactly as many cells as the header. Blank lines are not rows.</summary>
    void Row(CsvRow row);
}
