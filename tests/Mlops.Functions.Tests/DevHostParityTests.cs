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
    public void TheBlobTrigger_IsWatchedByTheDevHostOnTheSamePath()
    {
        var declared = Triggers("blobTrigger").Select(b => b.GetProperty("path").GetString()!).Order().ToArray();
        var watched = FunctionCatalog.BlobFunctions(typeof(FunctionsServiceCollectionExtensions).Assembly).Select(f => f.PathPattern).Order().ToArray();

        Assert.Equal(["datasets/{model}/{name}"], declared);
        Assert.Equal(declared, watched);
        var pattern = BlobPathPattern.Parse(watched[0]);
        Assert.Equal("datasets", pattern.Container);
        Assert.Equal("iris", pattern.Match("iris/monday.csv")?["model"]);
    }

    [Fact]
    public void EveryTimerFunction_IsRunByTheDevHostOnTheSameSchedule()
    {
        var declared = Triggers("timerTrigger").Select(b => b.GetProperty("schedule").GetString()!).Order().ToArray();
        var options = Options.Create(new DevHostOptions());
        var settings = SampleSettings();
        var runners = FunctionCatalog.TimerFunctions(typeof(FunctionsServiceCollectionExtensions).Assembly)
            .Select(f => new TimerRunner(new ServiceCollection().BuildServiceProvider(), f, options, settings, TimeProvider.System, NullLogger<TimerRunner>.Instance))
            .ToArray();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, runners.Select(r => r.Schedule).Order());
        Assert.All(runners, r => Assert.True(TimerRunner.Parse(r.ResolvedSchedule).GetNextOccurrence(DateTime.UtcNow) > DateTime.UtcNow));
    }

    [Fact]
    public void ATimerOnAnAppSetting_RunsOnThatSettingsValue_InTheDevHostsOwnSettingsToo()
    {
        var function = FunctionCatalog.TimerFunctions(typeof(FunctionsServiceCollectionExtensions).Assembly).Single(f => f.Name == "WebhookDispatch");
        var devHostSettings = new ConfigurationBuilder().AddJsonFile(RepositoryPaths.Combine("src", "Mlops.DevHost", "appsettings.json")).Build();

        var runner = new TimerRunner(new ServiceCollection().BuildServiceProvider(), function, Options.Create(new DevHostOptions()), devHostSettings, TimeProvider.System, NullLogger<TimerRunner>.Instance);

        Assert.Equal("%Webhooks:Schedule%", runner.Schedule);
        Assert.Equal(SampleSettings()["Webhooks:Schedule"], runner.ResolvedSchedule);
    }

    /// <summary>local.settings.sample.json's values as the app reads them ("A__B" is "A:B").</summary>
    private static IConfiguration SampleSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("local.settings.sample.json")));
        var values = document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
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
