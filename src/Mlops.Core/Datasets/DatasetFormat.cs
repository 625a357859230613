namespace Mlops.Core.Datasets;

/// <summary>How a dataset file is written, told by its extension.</summary>
public enum DatasetFormat
{
    Csv,

    Parquet,
}
