using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Mlops.Core;
using Mlops.Core.Registry;

namespace Mlops.Storage.Registry;

/// <summary>The models container: model.zip, manifest.json and run candidates at <see cref="ArtifactPaths"/>.</summary>
public sealed class BlobModelArtifactStore(StorageClients clients) : IModelArtifactStore
{
    private readonly BlobContainerClient models = clients.Container(StorageNames.ModelsContainer);

    public async Task WriteAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(path) } };
        await models.GetBlobClient(StoragePaths.Validate(path)).UploadAsync(content, options, cancellationToken);
    }

    public async Task CreateAsync(string path, BinaryData content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var blob = models.GetBlobClient(StoragePaths.Validate(path));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(path) },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            await blob.UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is StorageErrors.Conflict or StorageErrors.PreconditionFailed)
        {
            var existing = (await blob.DownloadContentAsync(cancellationToken)).Value.Content;
            if (!existing.ToMemory().Span.SequenceEqual(content.ToMemory().Span))
            {
                throw new InvalidOperationException($"The artifact '{path}' already exists with different content; registered artifacts are immutable.");
            }
        }
    }

    public async Task<BinaryData?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var download = await models.GetBlobClient(StoragePaths.Validate(path)).DownloadContentAsync(cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string folder, CancellationToken cancellationToken)
    {
        if (!folder.EndsWith('/'))
        {
            throw new ArgumentException($"The folder '{folder}' must end with '/'.", nameof(folder));
        }

        // Held to the rule of a blob inside it, so a folder can never climb out of a model's own.
        StoragePaths.Validate(folder + "_");
        var paths = new List<string>();
        await foreach (var blob in models.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken))
        {
            paths.Add(blob.Name);
        }

        return paths;
    }

    public async Task<int> DeleteVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        var folder = ArtifactPaths.VersionFolder(model, version);
        var deleted = 0;
        await foreach (var blob in models.GetBlobsAsync(BlobTraits.None, BlobStates.None, folder, cancellationToken))
        {
            // A blob another pass deleted since the listing is as good as deleted here.
            if (await models.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }

    private static string ContentTypeOf(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json"
        : path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? "application/zip"
        : "application/octet-stream";
}
