using System.Reflection;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Mlops.DevHost.Functions;
using Mlops.Storage;

namespace Mlops.DevHost.Triggers;

/// <summary>
/// The local blob trigger: scans the trigger's container and calls the blob-triggered function for each blob it has
/// not seen in this form (name and ETag), as Event Grid's BlobCreated does in Azure. Blobs present at start are
/// offered too, which is safe because a run is named by its content.
/// </summary>
public sealed partial class DatasetWatcher(
    IServiceProvider services,
    StorageClients storage,
    BlobFunction function,
    IOptions<DevHostOptions> options,
    ILogger<DatasetWatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, Azure.ETag> seen = new(StringComparer.Ordinal);
    private readonly BlobPathPattern pattern = BlobPathPattern.Parse(function.PathPattern);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FunctionInvoker.EnsureBindable(function.Method, p => p.ParameterType == typeof(BlobClient) || p.ParameterType == typeof(string));
        var container = storage.Container(pattern.Container);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.WatchIntervalMilliseconds));
        do
        {
            try
            {
                await ScanAsync(container, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ScanFailed(logger, pattern.Container, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ScanAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        if (!await container.ExistsAsync(cancellationToken))
        {
            return;
        }

        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (seen.TryGetValue(blob.Name, out var etag) && etag == blob.Properties.ETag)
            {
                continue;
            }

            seen[blob.Name] = blob.Properties.ETag ?? default;
            if (pattern.Match(blob.Name) is not { } values)
            {
                continue;
            }

            await TriggerAsync(container.GetBlobClient(blob.Name), values, cancellationToken);
        }
    }

    private async Task TriggerAsync(BlobClient blob, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        try
        {
            using var scope = services.CreateScope();
            await FunctionInvoker.InvokeAsync(
                scope.ServiceProvider,
                function.Type,
                function.Method,
                p => p.ParameterType == typeof(BlobClient) ? blob : values.GetValueOrDefault(p.Name!),
                cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // As with the Functions host, one failing invocation is logged and the trigger keeps going.
            TriggerFailed(logger, function.Name, blob.Name, e is TargetInvocationException { InnerException: { } inner } ? inner : e);
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Scanning container {Container} failed")]
    private static partial void ScanFailed(ILogger logger, string container, Exception exception);

    [LoggerMessage(EventId = 301, Level = LogLevel.Error, Message = "Function {Function} failed for blob {Blob}")]
    private static partial void TriggerFailed(ILogger logger, string function, string blob, Exception exception);
}
