using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Mlops.Storage;

/// <summary>
/// The Blob, Queue and Table service clients of the one storage account, built from a connection string (locally)
/// or from service URIs and a managed identity (in Azure).
/// </summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
        : this(options, tablePolicy: null)
    {
    }

    /// <summary>With a policy in the Table client's pipeline: tests hold a request there to force one interleaving of a race.</summary>
    internal StorageClients(IOptions<StorageOptions> options, HttpPipelinePolicy? tablePolicy)
    {
        var settings = options.Value;
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var tableOptions = new TableClientOptions();
        if (tablePolicy is not null)
        {
            tableOptions.AddPolicy(tablePolicy, HttpPipelinePosition.PerCall);
        }

        if (settings.UsesConnectionString)
        {
            BlobService = new BlobServiceClient(settings.ConnectionString);
            QueueService = new QueueServiceClient(settings.ConnectionString, queueOptions);
            TableService = new TableServiceClient(settings.ConnectionString, tableOptions);
            return;
        }

        Credential = CreateCredential(settings);
        BlobService = new BlobServiceClient(Required(settings.ResolvedBlobServiceUri, "blobServiceUri"), Credential);
        QueueService = new QueueServiceClient(Required(settings.ResolvedQueueServiceUri, "queueServiceUri"), Credential, queueOptions);
        TableService = new TableServiceClient(Required(settings.ResolvedTableServiceUri, "tableServiceUri"), Credential, tableOptions);
    }

    public BlobServiceClient BlobService { get; }

    /// <summary>Queue clients encode messages in Base64, as the Functions queue trigger expects.</summary>
    public QueueServiceClient QueueService { get; }

    public TableServiceClient TableService { get; }

    /// <summary>The identity used for the account; null when a connection string (with its key) is used.</summary>
    public TokenCredential? Credential { get; }

    public BlobContainerClient Container(string name) => BlobService.GetBlobContainerClient(name);

    public TableClient Table(string name) => TableService.GetTableClient(name);

    private static TokenCredential CreateCredential(StorageOptions settings)
    {
        if (settings.Credential is not null)
        {
            var id = string.IsNullOrWhiteSpace(settings.ClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(settings.ClientId);
            return new ManagedIdentityCredential(id);
        }

        var defaults = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(settings.ClientId))
        {
            defaults.ManagedIdentityClientId = settings.ClientId;
        }

        return new DefaultAzureCredential(defaults);
    }

    private static Uri Required(Uri? uri, string key) =>
        uri ?? throw new InvalidOperationException($"AzureWebJobsStorage__{key} is not configured.");
}
