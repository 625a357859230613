using System.Diagnostics;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Mlops.Core.Datasets;
using Mlops.Core.Telemetry;
using Mlops.Testing;
using Mlops.Workflows.Contracts;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Mlops.Workflows.Tests;

/// <summary>One run is one trace: the span that starts it, the orchestration and every activity it calls, linked.</summary>
public sealed class RunTraceTests(PipelineEngineFixture engine) : IClassFixture<PipelineEngineFixture>
{
    [Fact]
    public async Task ARunsOrchestrationAndEveryActivity_AreInTheTraceOfTheSpanThatStartedIt()
    {
        var spans = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(MlopsTelemetry.Name, "Microsoft.DurableTask*")
            .AddInMemoryExporter(spans)
            .Build();
        var model = $"trace-{Guid.NewGuid():N}"[..20];
        var stored = await engine.Services.GetRequiredService<IDatasetStore>().UploadAsync(model, "first.csv", BinaryData.FromBytes(SampleDatasets.Bytes(SampleDatasets.Iris)), default);

        var start = await engine.Services.GetRequiredService<RunLauncher>().StartAsync(engine.Host.Client, model, stored, RunTrigger.Manual(model, stored.BlobName), default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var done = await engine.Host.Client.WaitForInstanceCompletionAsync(start.RunId, getInputsAndOutputs: false, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        tracing.ForceFlush();

        var root = Assert.Single(spans, s => s.OperationName == "run.start" && (string?)s.GetTagItem("mlops.run_id") == start.RunId);
        var trace = spans.Where(s => s.TraceId == root.TraceId && s != root).ToArray();
        var names = string.Join(", ", trace.Select(s => s.DisplayName).Distinct());
        Assert.Contains(trace, s => s.DisplayName.Contains(nameof(TrainingPipeline), StringComparison.Ordinal));
        foreach (var stage in new[] { "ValidateDataset", "RegisterModel" })
        {
            Assert.True(trace.Any(s => s.DisplayName.Contains(stage, StringComparison.Ordinal)), $"no {stage} span in the run's trace; it holds: {names}");
        }

        // Linked: every span of the trace hangs, through its parents, from the span that started the run.
        var byId = trace.Append(root).ToDictionary(s => s.SpanId);
        Assert.All(trace, s =>
        {
            var current = s;
            while (current.ParentSpanId != default && byId.TryGetValue(current.ParentSpanId, out var parent))
            {
                current = parent;
            }

            Assert.Equal(root.SpanId, current.SpanId);
        });
    }
}
