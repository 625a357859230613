namespace Mlops.Core.Datasets;

/// <summary>Which blobs are datasets and how each is read: ".csv" and ".parquet" files, whatever their case.</summary>
public static class DatasetFiles
{
    public const string Extensions = ".csv or .parquet";

    /// <summary>The file's format, or null when the name is not a dataset's.</summary>
    public static DatasetFormat? FormatOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? DatasetFormat.Csv
            : name.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? DatasetFormat.Parquet
            : null;
    }

    /// <summary>
    /// Streams the file through <paramref name="sink"/> by its format: a CSV in the dialect the hint leaves to
    /// detection, a Parquet file (which needs a seekable stream: its index is at the end) by its own types.
    /// </summary>
    public static async Task<CsvStreamResult> ReadAsync(Stream stream, DatasetFormat format, ICsvRowSink sink, CsvDialectHint dialect, CancellationToken cancellationToken) =>
        format == DatasetFormat.Parquet
            ? await ParquetDatasetReader.ReadAsync(stream, sink, CsvDialect.Standard with { MissingValues = dialect.MissingValues }, cancellationToken)
            : CsvDatasetReader.Read(stream, sink, dialect, cancellationToken);
}
