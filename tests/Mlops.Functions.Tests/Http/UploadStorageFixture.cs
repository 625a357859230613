using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlops.Storage;
using Mlops.Testing;

namespace Mlops.Functions.Tests.Http;

/// <summary>The function classes' services as the app wires them (AddMlopsFunctions), over this process's Azurite.</summary>
public sealed class UploadStorageFixture : IAsyncLifetime
{
    private IHost? host;

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [StorageOptions.Section] = await AzuriteInstance.ConnectionStringAsync() });
        builder.Services.AddLogging();
        builder.Services.AddMlopsFunctions(builder.Configuration);
        host = builder.Build();
        await host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
