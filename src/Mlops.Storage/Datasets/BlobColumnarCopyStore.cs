using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Mlops.Core.Datasets.Columnar;

namespace Mlops.Storage.Datasets;

/// <summary>The typed copies of datasets, in the columnar container (a lifecycle rule expires the ones no longer written).</summary>
public sealed class BlobColumnarCopyStore(StorageClients clients) : IColumnarCopyStore
{
    private readonly BlobContainerClient copies = clients.Container(StorageNames.ColumnarContainer);

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            // Parquet is read from its footer back, so the stream seeks; blocks are fetched as they are read.
            return await copies.GetBlobClient(StoragePaths.Validate(name)).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);
        }
        catch (RequestFailedException e) when (e.IsBlobMissing())
        {
            return null;
        }
    }

    public async Task WriteAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/vnd.apache.parquet" } };
        await copies.GetBlobClient(StoragePaths.Validate(name)).UploadAsync(content, options, cancellationToken);
    }
}
