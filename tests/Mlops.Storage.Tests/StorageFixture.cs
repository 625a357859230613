using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mlops.Testing;

namespace Mlops.Storage.Tests;

/// <summary>
/// A host wired exactly as the app is (AddMlopsStorage, started so the initializer creates containers and tables)
/// over this test process's Azurite. One per test class; tests isolate themselves by model name.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    private IHost? host;

    public IServiceProvider Services => host?.Services ?? throw new InvalidOperationException("The fixture has not started.");

    public StorageClients Clients => Services.GetRequiredService<StorageClients>();

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        var connectionString = await AzuriteInstance.ConnectionStringAsync();
        host = StorageHosts.Build(new Dictionary<string, string?> { [StorageOptions.Section] = connectionString });
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

internal static class StorageHosts
{
    public static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddMlopsStorage(builder.Configuration);
        return builder.Build();
    }
}

/// <summary>Unique model names, so that no test sees another's data.</summary>
internal static class TestModels
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
