using Microsoft.Extensions.Logging.Abstractions;

namespace Mlops.Storage.Tests;

public class StorageInitializerTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    [Fact]
    public async Task StartAsync_HostStarted_EveryContainerAndTableExists()
    {
        foreach (var container in StorageNames.Containers)
        {
            Assert.True((await fixture.Clients.Container(container).ExistsAsync()).Value, container);
        }

        var tables = new List<string>();
        await foreach (var table in fixture.Clients.TableService.QueryAsync())
        {
            tables.Add(table.Name);
        }

        Assert.Subset(tables.ToHashSet(), StorageNames.Tables.ToHashSet());
    }

    [Fact]
    public async Task StartAsync_SecondTime_IsIdempotent()
    {
        var initializer = new StorageInitializer(fixture.Clients, NullLogger<StorageInitializer>.Instance);

        await initializer.StartAsync(CancellationToken.None);
        await initializer.StartAsync(CancellationToken.None);
    }

    [Fact]
    public void Names_AreTheContractNames()
    {
        Assert.Equal(["datasets", "models", "quarantine", "predictions", "columnar", "scoring", "scored"], StorageNames.Containers);
        Assert.Equal(["ModelRegistry", "ServingTallies", "Feedback", "RunHistory", "Experiments", "ExperimentOutcomes", "ShadowPredictions", "Monitoring"], StorageNames.Tables);
        Assert.Equal(["shadow-predictions"], StorageNames.Queues);
    }
}
