using Mlops.Testing;

namespace Mlops.Cli.Tests.Acceptance;

/// <summary>One DevHost process for the acceptance tests, over this process's Azurite, with a four-trial search budget.</summary>
public sealed class CliDevHostFixture : IAsyncLifetime
{
    private DevHostProcess? host;

    public Uri BaseAddress => (host ?? throw new InvalidOperationException("The DevHost has not started.")).BaseAddress;

    public async Task InitializeAsync()
    {
        var storage = await AzuriteInstance.ConnectionStringAsync();
        host = await DevHostProcess.StartAsync(storage, TaskHubs.Unique("cli"), new Dictionary<string, string> { ["Training__MaxTrials"] = "4" });
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
