using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlops.Core;
using Mlops.Storage;
using Mlops.Testing;

namespace Mlops.Workflows.Tests.Recovery;

/// <summary>The product's core, storage and workflow services over the tests' Azurite, started as a host.</summary>
internal sealed class AzuriteServices : IAsyncDisposable
{
    private readonly IHost host;

    private AzuriteServices(IHost host) => this.host = host;

    public static async Task<AzuriteServices> StartAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = await AzuriteInstance.ConnectionStringAsync() })
            .Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMlopsCore(configuration);
        builder.Services.AddMlopsStorage(configuration);
        builder.Services.AddMlopsWorkflowServices();
        var host = builder.Build();
        await host.StartAsync();
        return new AzuriteServices(host);
    }

    public T Get<T>()
        where T : notnull => host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
