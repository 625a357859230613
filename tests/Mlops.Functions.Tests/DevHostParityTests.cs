using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.DevHost;
using Mlops.DevHost.Functions;
using Mlops.DevHost.Timers;
using Mlops.DevHost.Triggers;
using Mlops.Functions;
using Mlops.Testing;

namespace Mlops.Functions.Tests;

/// <summary>
/// The DevHost serves what the Functions app declares: every trigger in the built functions.metadata has its DevHost
/// counterpart with the same route and methods, blob path or schedule.
/// </summary>
public sealed class DevHostParityTests
{
    private static readonly Lazy<JsonElement[]> Metadata = new(ReadMetadata);

    [Fact]
    public void EveryHttpFunction_IsServedByTheDevHostOnTheSameRouteAndMethods()
    {
        var declared = Triggers("httpTrigger")
            .Select(b => $"{string.Join('|', b.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).Order())} /api/{b.GetProperty("route").GetString()}")
            .Order()
            .ToArray();

        var served = DevHostEndpoints();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, served);
    }

    [Fact]
    public void EveryBlobTrigger_IsWatchedByTheDevHostOnTheSamePath()
    {
        var declared = Triggers("blobTrigger").Select(b => b.GetProperty("path").GetString()!).Order(StringComparer.Ordinal).ToArray();
        var watched = FunctionCatalog.BlobFunctions(typeof(FunctionsServiceCollectionExtensions).Assembly).Select(f => f.PathPattern).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["datasets/{model}/{name}", "scoring/{model}/{name}"], declared);
        Assert.Equal(declared, watched);
        var pattern = BlobPathPattern.Parse(watched[0]);
        Assert.Equal("datasets", pattern.Container);
        Assert.Equal("iris", pattern.Match("iris/monday.csv")?["model"]);
        Assert.Equal("scoring", BlobPathPattern.Parse(watched[1]).Container);
    }

    [Fact]
    public void EveryTimerFunction_IsRunByTheDevHostOnTheSameSchedule()
    {
        var declared = Triggers("timerTrigger").Select(b => b.GetProperty("schedule").GetString()!).Order().ToArray();
        var options = Options.Create(new DevHostOptions());
        var configuration = new ConfigurationBuilder().AddTriggerSettingDefaults().Build();
        var runners = FunctionCatalog.TimerFunctions(typeof(FunctionsServiceCollectionExtensions).Assembly)
            .Select(f => new TimerRunner(new ServiceCollection().BuildServiceProvider(), f, options, configuration, TimeProvider.System, NullLogger<TimerRunner>.Instance))
            .ToArray();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, runners.Select(r => r.Schedule).Order());
        Assert.All(runners, r => Assert.True(TimerRunner.Parse(r.ResolvedSchedule).GetNextOccurrence(DateTime.UtcNow) > DateTime.UtcNow));
    }

    [Fact]
    public void EveryQueueFunction_IsPolledByTheDevHostOnTheSameQueue()
    {
        var declared = Triggers("queueTrigger").Select(b => b.GetProperty("queueName").GetString()!).Order().ToArray();
        var polled = FunctionCatalog.QueueFunctions(typeof(FunctionsServiceCollectionExtensions).Assembly).Select(f => f.QueueName).Order().ToArray();

        Assert.Equal([Storage.StorageNames.ShadowQueue], declared);
        Assert.Equal(declared, polled);
        Assert.Contains(declared[0], Storage.StorageNames.Queues);
    }

    [Fact]
    public void TimerSchedulesNamingASetting_DefaultInTheDevHostToTheSampleSettingsValue()
    {
        var configuration = new ConfigurationBuilder().AddTriggerSettingDefaults().Build();
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        var settings = Triggers("timerTrigger").Select(b => b.GetProperty("schedule").GetString()!).Where(s => s.StartsWith('%')).ToArray();

        Assert.Contains("%Retention:Schedule%", settings);
        Assert.All(settings, schedule =>
        {
            var name = schedule.Trim('%');
            var local = sample.RootElement.GetProperty("Values").GetProperty(name.Replace(":", "__", StringComparison.Ordinal)).GetString();
            Assert.Equal(local, TimerRunner.Resolve(schedule, configuration));
        });
    }

    private static string[] DevHostEndpoints()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRouting();
        var app = builder.Build();
        app.MapFunctionEndpoints(typeof(FunctionsServiceCollectionExtensions).Assembly);
        return [.. ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => $"{string.Join('|', e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Order())} {e.RoutePattern.RawText}")
            .Order()];
    }

    private static IEnumerable<JsonElement> Triggers(string type) =>
        Metadata.Value.SelectMany(f => f.GetProperty("bindings").EnumerateArray()).Where(b => b.GetProperty("type").GetString() == type);

    private static JsonElement[] ReadMetadata()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = RepositoryPaths.Combine("src", "Mlops.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
