using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core;
using Mlops.Storage;
using Mlops.Testing;

namespace Mlops.Workflows.Tests;

/// <summary>
/// The real Durable engine (in-memory backend) running the real pipeline over real storage on Azurite:
/// what the Functions host and the DevHost run, minus their triggers.
/// </summary>
public class PipelineEngineFixture : IAsyncLifetime
{
    private DurableTaskTestHost? host;

    /// <summary>Settings over the defaults; a small search keeps the pipeline tests quick.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Training:MaxTrials"] = "6",
    };

    public DurableTaskTestHost Host => host ?? throw new InvalidOperationException("The engine has not started.");

    public IServiceProvider Services => Host.Services;

    public virtual async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(Settings) { ["AzureWebJobsStorage"] = await AzuriteInstance.ConnectionStringAsync() })
            .Build();
        host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddMlopsWorkflows(),
            new DurableTaskTestHostOptions
            {
                ConfigureServices = services =>
                {
                    services.AddMlopsCore(configuration);
                    services.AddMlopsStorage(configuration);
                    services.AddMlopsWorkflowServices();
                    services.AddLogging();
                },
            });
    }

    public virtual async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
