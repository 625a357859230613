using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Mlops.DevHost;
using Mlops.DevHost.Durable;
using Mlops.DevHost.Functions;
using Mlops.DevHost.Queues;
using Mlops.DevHost.Timers;
using Mlops.DevHost.Triggers;
using Mlops.Functions;
using Mlops.Functions.Telemetry;
using Mlops.Workflows;

// The local host: the Functions app's own classes behind the same routes, blob path and Durable engine,
// without the Functions host (see ARCHITECTURE.md, "Why a DevHost").
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddTriggerSettingDefaults();
var devHost = builder.Configuration.GetSection(DevHostOptions.Section).Get<DevHostOptions>() ?? new DevHostOptions();
builder.Services.AddOptions<DevHostOptions>().Bind(builder.Configuration.GetSection(DevHostOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

using var startupLogs = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole());
var (storage, azurite) = await LocalStorage.EnsureAsync(builder.Configuration, devHost, startupLogs.CreateLogger("Mlops.DevHost"), CancellationToken.None);
await using var ownedAzurite = azurite;
builder.Configuration[LocalStorage.SettingName] = storage;

await using var sidecar = await DurableSidecar.StartAsync(storage, devHost, startupLogs, CancellationToken.None);
using var channel = GrpcChannel.ForAddress(sidecar.Address);

builder.WebHost.UseUrls(devHost.Urls);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(devHost.ShutdownSeconds));
builder.Services.AddMlopsFunctions(builder.Configuration);
builder.Services.AddMlopsTelemetry(builder.Configuration);
builder.Services.AddMvcCore();
builder.Services.AddServerBodyLimit();
builder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
builder.Services.AddDurableTaskWorker(worker =>
{
    worker.UseGrpc(channel);
    worker.AddTasks(tasks => tasks.AddMlopsWorkflows());
    worker.Configure(o => o.Concurrency.MaximumConcurrentActivityWorkItems = devHost.MaxConcurrentActivities);
});

var functionsAssembly = typeof(FunctionsServiceCollectionExtensions).Assembly;
foreach (var blobFunction in FunctionCatalog.BlobFunctions(functionsAssembly))
{
    builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<DatasetWatcher>(sp, blobFunction));
}

foreach (var queueFunction in FunctionCatalog.QueueFunctions(functionsAssembly))
{
    builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueRunner>(sp, queueFunction));
}

if (devHost.RunTimers)
{
    foreach (var timerFunction in FunctionCatalog.TimerFunctions(functionsAssembly))
    {
        builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerRunner>(sp, timerFunction));
    }
}

var app = builder.Build();
app.UseStatusCodePages(StatusCodeProblems.WriteAsync);
app.MapFunctionEndpoints(functionsAssembly);

// The root has no function of its own: send a browser to the dashboard, which the Functions app serves under /api/ui/.
app.MapGet("/", () => Results.Redirect($"/{HttpFunctionEndpoints.RoutePrefix}/ui/"));
await app.RunAsync();
