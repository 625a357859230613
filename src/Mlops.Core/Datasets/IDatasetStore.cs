using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>The datasets and quarantine containers.</summary>
public interface IDatasetStore
{
    /// <summary>
    /// Writes an uploaded dataset as "{model}/{fileName}". When that blob exists with the same content (an identical
    /// upload racing this one) it answers that blob; with other content it fails, datasets being immutable.
    /// </summary>
    Task<StoredDataset> UploadAsync(string model, string fileName, BinaryData content, CancellationToken cancellationToken);

    /// <summary>
    /// As the other overload, for content already read once by the caller: <paramref name="content"/> is seekable and
    /// read from its position, and <paramref name="sha256"/> is its lower-case hex SHA-256, which is stored, not recomputed.
    /// </summary>
    Task<StoredDataset> UploadAsync(string model, string fileName, Stream content, string sha256, CancellationToken cancellationToken);

    /// <summary>Reads the blob once to describe it (ETag, length, SHA-256); null when it does not exist.</summary>
    Task<StoredDataset?> DescribeAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Opens the dataset for reading; throws when the blob no longer has <paramref name="dataset"/>'s ETag.</summary>
    Task<Stream> OpenReadAsync(DatasetRef dataset, CancellationToken cancellationToken);

    /// <summary>The model's optional spec, "datasets/{model}/mlops.json", as text; null when there is none.</summary>
    Task<string?> ReadSpecAsync(string model, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) the model's spec; the caller has checked that it parses.</summary>
    Task WriteSpecAsync(string model, string json, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the dataset to "quarantine/{blobName}" and writes the report beside it as
    /// "quarantine/{blobName}.report.json". Idempotent.
    /// </summary>
    Task QuarantineAsync(DatasetRef dataset, ValidationReport report, CancellationToken cancellationToken);

    /// <summary>The report of a quarantined dataset, or null.</summary>
    Task<ValidationReport?> ReadQuarantineReportAsync(string blobName, CancellationToken cancellationToken);
}
