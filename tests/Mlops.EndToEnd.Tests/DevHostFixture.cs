using Mlops.Testing;

namespace Mlops.EndToEnd.Tests;

/// <summary>One DevHost per test class, over this process's Azurite, on a task hub of its own.</summary>
public class DevHostFixture : IAsyncLifetime
{
    private DevHostProcess? host;

    public DevHostProcess Host => host ?? throw new InvalidOperationException("The DevHost has not started.");

    public string StorageConnectionString { get; private set; } = string.Empty;

    public MlopsApi Api { get; private set; } = null!;

    /// <summary>Settings the host starts with, over the test defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        StorageConnectionString = await AzuriteInstance.ConnectionStringAsync();
        host = await DevHostProcess.StartAsync(StorageConnectionString, TaskHubs.Unique("e2e"), Environment);
        Api = new MlopsApi(host.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        Api?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
