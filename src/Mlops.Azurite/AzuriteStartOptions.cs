namespace Mlops.Azurite;

/// <summary>How to start Azurite: its ports, where it keeps data and how long to wait for it.</summary>
public sealed record AzuriteStartOptions
{
    public int BlobPort { get; init; } = AzuriteAccount.DefaultBlobPort;

    public int QueuePort { get; init; } = AzuriteAccount.DefaultQueuePort;

    public int TablePort { get; init; } = AzuriteAccount.DefaultTablePort;

    /// <summary>
    /// The folder Azurite persists to (relative paths are under the repository root); null keeps everything in
    /// memory, lost when the process ends.
    /// </summary>
    public string? Location { get; init; }

    /// <summary>The folder with MlopsFunctions.sln and package.json; null finds it above the application's folder.</summary>
    public string? RepositoryRoot { get; init; }

    /// <summary>How long the three services may take to accept connections.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long `npm ci` may take when node_modules is missing (including waiting for another installer).</summary>
    public TimeSpan InstallTimeout { get; init; } = TimeSpan.FromMinutes(5);
}
