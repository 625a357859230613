namespace Mlops.Storage;

/// <summary>
/// Where the storage account is, read from the same settings the Functions host uses: locally
/// <c>AzureWebJobsStorage</c> is a connection string; in Azure (identity-based, no keys) it is a section,
/// <c>AzureWebJobsStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__credential</c> = managedidentity and <c>__clientId</c> of the user-assigned identity.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "AzureWebJobsStorage";

    /// <summary>The only credential kind the identity-based settings name.</summary>
    public const string ManagedIdentityCredential = "managedidentity";

    /// <summary>A connection string (the value of the <c>AzureWebJobsStorage</c> setting itself).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account name, from which the three service URIs follow when they are not given.</summary>
    public string? AccountName { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    /// <summary>"managedidentity", or null to use DefaultAzureCredential (a developer's Azure CLI login, for example).</summary>
    public string? Credential { get; set; }

    /// <summary>The client id of a user-assigned managed identity; null for the system-assigned one.</summary>
    public string? ClientId { get; set; }

    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    internal Uri? ResolvedBlobServiceUri => BlobServiceUri ?? FromAccount("blob");

    internal Uri? ResolvedQueueServiceUri => QueueServiceUri ?? FromAccount("queue");

    internal Uri? ResolvedTableServiceUri => TableServiceUri ?? FromAccount("table");

    private Uri? FromAccount(string service) =>
        string.IsNullOrWhiteSpace(AccountName) ? null : new Uri($"https://{AccountName}.{service}.core.windows.net");
}
