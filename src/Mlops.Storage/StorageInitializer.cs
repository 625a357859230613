using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mlops.Storage;

/// <summary>Creates the containers, tables and queues of <see cref="StorageNames"/> when the host starts, if they are missing.</summary>
public sealed class StorageInitializer(StorageClients clients, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var containers = StorageNames.Containers.Select(name => clients.Container(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        var tables = StorageNames.Tables.Select(name => clients.Table(name).CreateIfNotExistsAsync(cancellationToken));
        var queues = StorageNames.Queues.Select(name => clients.QueueService.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(containers.Cast<Task>().Concat(tables).Concat(queues));
        logger.StorageReady(clients.BlobService.AccountName, StorageNames.Containers.Count, StorageNames.Tables.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
