using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Telemetry;
using Mlops.Functions.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mlops.Functions.Tests.Telemetry;

/// <summary>
/// Locally, the standard OTEL_EXPORTER_OTLP_ENDPOINT sends the product's spans and metrics to any OTLP receiver; here a
/// receiver on 127.0.0.1 records what arrives.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_TheProductsSpansAndMetrics_ReachTheCollector()
    {
        var received = new ConcurrentQueue<string>();
        var collector = WebApplication.CreateSlimBuilder();
        collector.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = collector.Build();
        app.MapPost("/v1/{signal}", (HttpRequest request, string signal) =>
        {
            received.Enqueue(signal);
            return Results.Ok();
        });
        await app.StartAsync();
        var endpoint = app.Urls.Single();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddMlopsTelemetry(configuration);
        await using (var provider = services.BuildServiceProvider())
        {
            var tracing = provider.GetRequiredService<TracerProvider>();
            var metrics = provider.GetRequiredService<MeterProvider>();
            using (MlopsTelemetry.ActivitySource.StartActivity("otlp-probe"))
            {
                MlopsTelemetry.Runs.Add(1, new KeyValuePair<string, object?>("model", "otlp-probe"));
            }

            Assert.True(tracing.ForceFlush(10_000));
            Assert.True(metrics.ForceFlush(10_000));
        }

        Assert.Contains("traces", received);
        Assert.Contains("metrics", received);
    }
}
