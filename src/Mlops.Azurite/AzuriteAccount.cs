using System.Globalization;

namespace Mlops.Azurite;

/// <summary>Azurite's single built-in account; its key is public and documented, not a secret.</summary>
public static class AzuriteAccount
{
    public const string Name = "devstoreaccount1";

    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public const string DefaultHost = "127.0.0.1";

    public const int DefaultBlobPort = 10000;

    public const int DefaultQueuePort = 10001;

    public const int DefaultTablePort = 10002;

    /// <summary>The connection string of an Azurite listening on 127.0.0.1 with the given ports.</summary>
    public static string ConnectionString(int blobPort, int queuePort, int tablePort) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Name};AccountKey={Key};" +
            $"BlobEndpoint=http://{DefaultHost}:{blobPort}/{Name};" +
            $"QueueEndpoint=http://{DefaultHost}:{queuePort}/{Name};" +
            $"TableEndpoint=http://{DefaultHost}:{tablePort}/{Name};");
}
