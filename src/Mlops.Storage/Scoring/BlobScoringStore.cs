using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Mlops.Core;
using Mlops.Core.Errors;
using Mlops.Core.Scoring;

namespace Mlops.Storage.Scoring;

/// <summary>
/// The scoring and scored containers. An output is a block blob: each chunk stages its part as a block of the output
/// itself (block ids per job and chunk, so a chunk run again stages the same block again), then one commit of the header
/// and the blocks in order makes the file appear whole or not at all; a commit retried after a crash commits the same
/// blocks again.
/// </summary>
public sealed class BlobScoringStore(StorageClients clients) : IScoringStore
{
    /// <summary>The metadata key of a published output that names the job that published it.</summary>
    public const string JobMetadata = "job";

    /// <summary>The metadata key of an input that came in through the scoring route's upload (see <see cref="ScoringFile.Uploaded"/>).</summary>
    public const string OriginMetadata = "origin";

    private const string UploadedOrigin = "upload";

    private const string CsvContentType = "text/csv";

    private readonly BlobContainerClient scoring = clients.Container(StorageNames.ScoringContainer);
    private readonly BlobContainerClient scored = clients.Container(StorageNames.ScoredContainer);

    public async Task<ScoringFile?> DescribeAsync(string model, string file, CancellationToken cancellationToken)
    {
        var blob = scoring.GetBlobClient($"{ModelName.Validate(model)}/{ScoringFiles.Validate(file)}");
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new ScoringFile(model, file, properties.ETag.ToString(), properties.ContentLength)
            {
                Uploaded = properties.Metadata.TryGetValue(OriginMetadata, out var origin) && string.Equals(origin, UploadedOrigin, StringComparison.Ordinal),
            };
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    public async Task<ScoringFile> UploadAsync(string model, string file, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = scoring.GetBlobClient($"{ModelName.Validate(model)}/{ScoringFiles.Validate(file)}");
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = CsvContentType },
            Metadata = new Dictionary<string, string> { [OriginMetadata] = UploadedOrigin },
        };
        var stored = (await blob.UploadAsync(content, options, cancellationToken)).Value;
        var length = (await blob.GetPropertiesAsync(new BlobRequestConditions { IfMatch = stored.ETag }, cancellationToken)).Value.ContentLength;
        return new ScoringFile(model, file, stored.ETag.ToString(), length) { Uploaded = true };
    }

    public async Task<Stream?> OpenPublishedAsync(string jobId, string blobName, CancellationToken cancellationToken)
    {
        var blob = scored.GetBlobClient(Validated(blobName));
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (!properties.Metadata.TryGetValue(JobMetadata, out var job) || !string.Equals(job, jobId, StringComparison.Ordinal))
            {
                return null;
            }

            // Pinned to the version looked at: a later job publishing the same name mid-download fails the read, not mixes files.
            var options = new BlobOpenReadOptions(allowModifications: false) { Conditions = new BlobRequestConditions { IfMatch = properties.ETag } };
            return await blob.OpenReadAsync(options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsBlobMissing() || e.Status == StorageErrors.PreconditionFailed)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(ScoringFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var blob = Input(file);
        var options = new BlobOpenReadOptions(allowModifications: false)
        {
            Conditions = new BlobRequestConditions { IfMatch = new ETag(file.ETag) },
        };
        try
        {
            return await blob.OpenReadAsync(options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StorageErrors.PreconditionFailed || e.IsBlobMissing())
        {
            throw await ChangedAsync(blob, file, cancellationToken);
        }
    }

    public async Task<Stream> OpenRangeAsync(ScoringFile file, long start, long until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(until, start);
        if (until == start)
        {
            return Stream.Null;
        }

        var blob = Input(file);
        var options = new BlobDownloadOptions
        {
            Range = new HttpRange(start, until - start),
            Conditions = new BlobRequestConditions { IfMatch = new ETag(file.ETag) },
        };
        try
        {
            return (await blob.DownloadStreamingAsync(options, cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == StorageErrors.PreconditionFailed || e.IsBlobMissing())
        {
            throw await ChangedAsync(blob, file, cancellationToken);
        }
    }

    public async Task StageAsync(string jobId, string blobName, int chunk, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunk);
        var target = scored.GetBlockBlobClient(Validated(blobName));
        await target.StageBlockAsync(BlockId(BlockPrefix(jobId), chunk + 1), BinaryData.FromBytes(content).ToStream(), cancellationToken: cancellationToken);
    }

    public async Task CommitAsync(string jobId, string blobName, string header, IReadOnlyList<int> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var target = scored.GetBlockBlobClient(Validated(blobName));
        var prefix = BlockPrefix(jobId);
        var headerBlock = BlockId(prefix, 0);
        await target.StageBlockAsync(headerBlock, BinaryData.FromString(header).ToStream(), cancellationToken: cancellationToken);
        var options = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = CsvContentType },
            Metadata = new Dictionary<string, string> { [JobMetadata] = jobId },
        };
        try
        {
            await target.CommitBlockListAsync([headerBlock, .. chunks.Select(c => BlockId(prefix, c + 1))], options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.InvalidBlockList)
        {
            // A commit to the same name by another job discards the blocks this one staged and had not committed yet.
            throw new MlopsException(
                MlopsErrorCode.Conflict,
                $"The output 'scored/{blobName}' was published by another job while this one was scoring, which discarded this job's staged parts; score the file again.");
        }
    }

    public async Task<bool> IsPublishedAsync(string jobId, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await scored.GetBlobClient(Validated(blobName)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(JobMetadata, out var job) && string.Equals(job, jobId, StringComparison.Ordinal);
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return false;
        }
    }

    public async Task RemoveStaleAsync(string jobId, string blobName, CancellationToken cancellationToken)
    {
        var blob = scored.GetBlobClient(Validated(blobName));
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            if (properties.Metadata.TryGetValue(JobMetadata, out var job) && string.Equals(job, jobId, StringComparison.Ordinal))
            {
                return;
            }

            // Only the version looked at goes: a side file another job publishes meanwhile is its own, and stays.
            await blob.DeleteIfExistsAsync(conditions: new BlobRequestConditions { IfMatch = properties.ETag }, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsBlobMissing() || e.Status == StorageErrors.PreconditionFailed)
        {
        }
    }

    private BlobClient Input(ScoringFile file) => scoring.GetBlobClient($"{ModelName.Validate(file.Model)}/{ScoringFiles.Validate(file.File)}");

    private static async Task<MlopsException> ChangedAsync(BlobClient blob, ScoringFile file, CancellationToken cancellationToken) =>
        (await blob.ExistsAsync(cancellationToken)).Value
            ? new MlopsException(MlopsErrorCode.Conflict, $"The scoring file '{file.Model}/{file.File}' changed after its job started (it no longer has ETag {file.ETag}); drop it again to score the new content.")
            : MlopsException.NotFound($"The scoring file '{file.Model}/{file.File}' no longer exists.");

    private static string Validated(string blobName) => StoragePaths.Validate(blobName);

    /// <summary>
    /// Block ids of one blob must all be as long; the job's hash keeps two jobs publishing to one name (another version
    /// of the same file) from staging over each other's blocks.
    /// </summary>
    private static string BlockPrefix(string jobId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobId)))[..8];

    private static string BlockId(string prefix, int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{index:D7}")));
}
