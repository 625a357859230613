using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;

namespace Mlops.DevHost.Durable;

/// <summary>
/// The Durable Task engine the Functions host would run, here as a gRPC sidecar (TaskHubGrpcServer) over the
/// Azure Storage backend on Azurite, so runs survive a DevHost restart exactly as they survive a host recycle in Azure.
/// </summary>
public sealed class DurableSidecar : IAsyncDisposable
{
    private readonly WebApplication app;

    private readonly LeaseKeepingOrchestrationService leaseKeeping;

    private DurableSidecar(WebApplication app, LeaseKeepingOrchestrationService leaseKeeping, string address)
    {
        this.app = app;
        this.leaseKeeping = leaseKeeping;
        Address = address;
    }

    /// <summary>The gRPC address workers and clients connect to.</summary>
    public string Address { get; }

    public static async Task<DurableSidecar> StartAsync(string storageConnectionString, DevHostOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = options.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(storageConnectionString),
            LoggerFactory = loggerFactory,
            WorkItemQueueVisibilityTimeout = TimeSpan.FromSeconds(options.WorkItemVisibilitySeconds),
            ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(options.WorkItemVisibilitySeconds),
            LeaseInterval = TimeSpan.FromSeconds(options.LeaseSeconds),
            LeaseRenewInterval = TimeSpan.FromSeconds(Math.Max(1, options.LeaseSeconds / 3)),
            LeaseAcquireInterval = TimeSpan.FromSeconds(Math.Max(1, options.LeaseSeconds / 3)),
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
        });
        await service.CreateIfNotExistsAsync();
        var leaseKeeping = new LeaseKeepingOrchestrationService(
            service,
            TimeSpan.FromSeconds(options.WorkItemVisibilitySeconds) / 3,
            loggerFactory.CreateLogger<LeaseKeepingOrchestrationService>());

        var port = options.SidecarPort == 0 ? FreePort() : options.SidecarPort;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(leaseKeeping);
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var app = builder.Build();
        app.MapGrpcService<TaskHubGrpcServer>();
        await app.StartAsync(cancellationToken);
        return new DurableSidecar(app, leaseKeeping, $"http://127.0.0.1:{port}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        await leaseKeeping.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
