using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Mlops.Core;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Validation;

namespace Mlops.Storage.Datasets;

/// <summary>The datasets and quarantine containers.</summary>
public sealed class BlobDatasetStore(StorageClients clients, ILogger<BlobDatasetStore> logger) : IDatasetStore
{
    /// <summary>The metadata key that holds a blob's lower-case hex SHA-256 when we wrote it.</summary>
    public const string Sha256Metadata = "sha256";

    public const string SpecFileName = "mlops.json";

    public const string ReportSuffix = ".report.json";

    private const string CsvContentType = "text/csv";
    private const string JsonContentType = "application/json";

    private readonly BlobContainerClient datasets = clients.Container(StorageNames.DatasetsContainer);
    private readonly BlobContainerClient quarantine = clients.Container(StorageNames.QuarantineContainer);

    public async Task<StoredDataset> UploadAsync(string model, string fileName, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content.ToMemory().Span));
        await using var stream = content.ToStream();
        return await UploadAsync(model, fileName, stream, sha256, cancellationToken);
    }

    public async Task<StoredDataset> UploadAsync(string model, string fileName, Stream content, string sha256, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The content must be seekable: its length is part of the answer.", nameof(content));
        }

        var blobName = $"{ModelName.Validate(model)}/{StoragePaths.ValidateFileName(fileName)}";
        var length = content.Length - content.Position;
        var hash = sha256.ToLowerInvariant();
        var options = new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            Metadata = new Dictionary<string, string> { [Sha256Metadata] = hash },
            HttpHeaders = new BlobHttpHeaders { ContentType = CsvContentType },
        };
        var blob = datasets.GetBlobClient(blobName);
        try
        {
            var uploaded = await blob.UploadAsync(content, options, cancellationToken);
            return new StoredDataset(blobName, uploaded.Value.ETag.ToString(), hash, length);
        }
        catch (RequestFailedException e) when (e.Status is StorageErrors.Conflict or StorageErrors.PreconditionFailed)
        {
            // The name holds the upload's second and hash prefix, so identical content uploaded twice in one second
            // lands here: that is the same dataset, not a conflict.
            return await IdenticalAsync(blob, hash, cancellationToken)
                ?? throw new MlopsException(MlopsErrorCode.ResourceAlreadyExists, $"The dataset '{blobName}' already exists; datasets are immutable, upload under another file name.");
        }
    }

    public async Task<StoredDataset?> DescribeAsync(string blobName, CancellationToken cancellationToken)
    {
        StoragePaths.Validate(blobName);
        try
        {
            var download = await datasets.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken);
            using var result = download.Value;
            await using var content = result.Content;
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
            return new StoredDataset(blobName, result.Details.ETag.ToString(), sha256, result.Details.ContentLength);
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(DatasetRef dataset, CancellationToken cancellationToken)
    {
        var blob = datasets.GetBlobClient(Validate(dataset));
        var options = new BlobOpenReadOptions(allowModifications: false)
        {
            Conditions = new BlobRequestConditions { IfMatch = new ETag(dataset.ETag) },
        };
        try
        {
            return await blob.OpenReadAsync(options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StorageErrors.PreconditionFailed || e.IsBlobMissing())
        {
            throw await ChangedOrGoneAsync(blob, dataset, cancellationToken);
        }
    }

    public async Task<string?> ReadSpecAsync(string model, CancellationToken cancellationToken)
    {
        var blob = datasets.GetBlobClient($"{ModelName.Validate(model)}/{SpecFileName}");
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToString().TrimStart('\uFEFF');
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    public async Task WriteSpecAsync(string model, string json, CancellationToken cancellationToken)
    {
        var blob = datasets.GetBlobClient($"{ModelName.Validate(model)}/{SpecFileName}");
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType } };
        await blob.UploadAsync(BinaryData.FromString(json), options, cancellationToken);
    }

    public async Task QuarantineAsync(DatasetRef dataset, ValidationReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blobName = Validate(dataset);
        var target = quarantine.GetBlobClient(blobName);
        // A retry after the copy finds the quarantine copy already holding the dataset's content.
        if (await IdenticalAsync(target, dataset.Sha256, cancellationToken) is null)
        {
            await CopyToQuarantineAsync(dataset, target, cancellationToken);
        }

        var reportOptions = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType } };
        var json = BinaryData.FromString(StorageJson.Serialize(report));
        await quarantine.GetBlobClient(blobName + ReportSuffix).UploadAsync(json, reportOptions, cancellationToken);
        logger.Quarantined(blobName, dataset.Sha256);
    }

    public async Task<ValidationReport?> ReadQuarantineReportAsync(string blobName, CancellationToken cancellationToken)
    {
        StoragePaths.Validate(blobName);
        try
        {
            var download = await quarantine.GetBlobClient(blobName + ReportSuffix).DownloadContentAsync(cancellationToken);
            return StorageJson.Deserialize<ValidationReport>(download.Value.Content.ToString(), "validation report");
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    private static string Validate(DatasetRef dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var blobName = StoragePaths.Validate(dataset.BlobName);
        if (!string.Equals(StoragePaths.ModelOf(blobName), dataset.Model, StringComparison.Ordinal))
        {
            throw MlopsException.Invalid($"The dataset '{blobName}' is not in the folder of model '{dataset.Model}'.");
        }

        return blobName;
    }

    /// <summary>The existing blob when we wrote it with this SHA-256; null when its content differs or it does not exist.</summary>
    private static async Task<StoredDataset?> IdenticalAsync(BlobClient blob, string sha256, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return properties.Metadata.TryGetValue(Sha256Metadata, out var stored) && string.Equals(stored, sha256, StringComparison.OrdinalIgnoreCase)
                ? new StoredDataset(blob.Name, properties.ETag.ToString(), stored.ToLowerInvariant(), properties.ContentLength)
                : null;
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    private async Task CopyToQuarantineAsync(DatasetRef dataset, BlobClient target, CancellationToken cancellationToken)
    {
        var source = datasets.GetBlobClient(dataset.BlobName);
        var read = new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(dataset.ETag) } };
        try
        {
            var download = await source.DownloadStreamingAsync(read, cancellationToken);
            using var result = download.Value;
            await using var content = result.Content;
            var write = new BlobUploadOptions
            {
                Metadata = new Dictionary<string, string> { [Sha256Metadata] = dataset.Sha256.ToLowerInvariant() },
                HttpHeaders = new BlobHttpHeaders { ContentType = result.Details.ContentType ?? CsvContentType },
            };
            await target.UploadAsync(content, write, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StorageErrors.PreconditionFailed || e.IsBlobMissing())
        {
            throw await ChangedOrGoneAsync(source, dataset, cancellationToken);
        }
    }

    /// <summary>Why a read pinned to the run's ETag failed: a deleted blob fails the condition too (on Azurite).</summary>
    private static async Task<MlopsException> ChangedOrGoneAsync(BlobClient blob, DatasetRef dataset, CancellationToken cancellationToken) =>
        (await blob.ExistsAsync(cancellationToken)).Value
            ? new MlopsException(
                MlopsErrorCode.Conflict,
                $"The dataset '{dataset.BlobName}' changed after the run started (it no longer has ETag {dataset.ETag}); the run reads only the content it started with, so upload the new content to start a new run.")
            : MlopsException.NotFound($"The dataset '{dataset.BlobName}' no longer exists.");
}
