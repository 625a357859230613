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
/// The scoring, scored and scoring-jobs containers. An output is published as a block blob: the header and each part
/// staged as blocks, then one commit of the block list, so the file appears whole or not at all, and a commit retried
/// after a crash stages and commits the same blocks again.
/// </summary>
public sealed class BlobScoringStore(StorageClients clients) : IScoringStore
{
    /// <summary>The metadata key of a published output that names the job that published it.</summary>
    public const string JobMetadata = "job";

    private const string CsvContentType = "text/csv";

    private readonly BlobContainerClient scoring = clients.Container(StorageNames.ScoringContainer);
    private readonly BlobContainerClient scored = clients.Container(StorageNames.ScoredContainer);
    private readonly BlobContainerClient jobs = clients.Container(StorageNames.ScoringJobsContainer);

    public async Task<ScoringFile?> DescribeAsync(string model, string file, CancellationToken cancellationToken)
    {
        var blob = scoring.GetBlobClient($"{ModelName.Validate(model)}/{ScoringFiles.Validate(file)}");
        try
        {
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new ScoringFile(model, file, properties.ETag.ToString(), properties.ContentLength);
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(ScoringFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var blob = scoring.GetBlobClient($"{ModelName.Validate(file.Model)}/{ScoringFiles.Validate(file.File)}");
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
            throw (await blob.ExistsAsync(cancellationToken)).Value
                ? new MlopsException(MlopsErrorCode.Conflict, $"The scoring file '{file.Model}/{file.File}' changed after its job started (it no longer has ETag {file.ETag}); drop it again to score the new content.")
                : MlopsException.NotFound($"The scoring file '{file.Model}/{file.File}' no longer exists.");
        }
    }

    public async Task WritePartAsync(string jobId, string part, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await Part(jobId, part).UploadAsync(BinaryData.FromBytes(content), overwrite: true, cancellationToken);

    public async Task<Stream> OpenPartAsync(string jobId, string part, CancellationToken cancellationToken) =>
        (await Part(jobId, part).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;

    public async Task PublishAsync(string jobId, string blobName, string header, IReadOnlyList<string> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var target = scored.GetBlockBlobClient(Validated(blobName));
        var prefix = BlockPrefix(jobId);
        var blocks = new List<string>(parts.Count + 1);
        await StageAsync(target, BlockId(prefix, 0), BinaryData.FromString(header).ToStream(), blocks, cancellationToken);
        for (var i = 0; i < parts.Count; i++)
        {
            // One part in memory at a time: a part is one chunk's output, tens of megabytes at most.
            var content = (await Part(jobId, parts[i]).DownloadContentAsync(cancellationToken)).Value.Content;
            if (!content.IsEmpty)
            {
                await StageAsync(target, BlockId(prefix, i + 1), content.ToStream(), blocks, cancellationToken);
            }
        }

        var options = new CommitBlockListOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = CsvContentType },
            Metadata = new Dictionary<string, string> { [JobMetadata] = jobId },
        };
        await target.CommitBlockListAsync(blocks, options, cancellationToken);
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

    public async Task DeletePartsAsync(string jobId, CancellationToken cancellationToken)
    {
        await foreach (var blob in jobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, ScoringJobIds.Validate(jobId) + "/", cancellationToken))
        {
            await jobs.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    private BlobClient Part(string jobId, string part) => jobs.GetBlobClient($"{ScoringJobIds.Validate(jobId)}/{part}");

    private static async Task StageAsync(BlockBlobClient target, string blockId, Stream content, List<string> blocks, CancellationToken cancellationToken)
    {
        await using (content)
        {
            await target.StageBlockAsync(blockId, content, cancellationToken: cancellationToken);
        }

        blocks.Add(blockId);
    }

    private static string Validated(string blobName) => StoragePaths.Validate(blobName);

    /// <summary>
    /// Block ids of one blob must all be as long; the job's hash keeps two jobs publishing to one name (another version
    /// of the same file) from staging over each other's blocks.
    /// </summary>
    private static string BlockPrefix(string jobId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobId)))[..8];

    private static string BlockId(string prefix, int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{index:D7}")));
}
