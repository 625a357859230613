using Azure.Storage.Queues;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Mlops.DevHost;
using Mlops.DevHost.Durable;
using Mlops.Testing;

namespace Mlops.Functions.Tests.DevHost;

/// <summary>The DevHost's Durable sidecar over the Azure Storage backend on Azurite, with a real worker.</summary>
public sealed class DurableSidecarTests
{
    [Fact]
    public async Task AnActivityLongerThanTheVisibilityTimeout_RunsOnceAndCompletes()
    {
        // The queue message of a running activity would be visible again after 5 s; the activity takes 13 s.
        var options = new DevHostOptions { TaskHub = $"lease{Guid.NewGuid():N}"[..20], WorkItemVisibilitySeconds = 5, LeaseSeconds = 6, MaxConcurrentActivities = 2 };
        var storage = await AzuriteInstance.ConnectionStringAsync();
        await using var sidecar = await DurableSidecar.StartAsync(storage, options, NullLoggerFactory.Instance, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(sidecar.Address);
        SlowActivity.Executions = 0;

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDurableTaskClient(client => client.UseGrpc(channel));
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(channel);
            worker.AddTasks(tasks =>
            {
                tasks.AddOrchestrator<CallsSlowActivityOnce>();
                tasks.AddActivity<SlowActivity>();
            });
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<DurableTaskClient>();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(CallsSlowActivityOnce));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

            // A copy of the message left behind would run again later (after a restart, in the drill); none may remain,
            // and none may have run meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(8));
            var workItems = new QueueClient(storage, $"{options.TaskHub.ToLowerInvariant()}-workitems");
            var left = (await workItems.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            Assert.Equal(0, left);
            Assert.Equal(1, Volatile.Read(ref SlowActivity.Executions));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class CallsSlowActivityOnce : TaskOrchestrator<object?, int>
    {
        public override Task<int> RunAsync(TaskOrchestrationContext context, object? input) =>
            context.CallActivityAsync<int>(nameof(SlowActivity));
    }

    private sealed class SlowActivity : TaskActivity<object?, int>
    {
        public static int Executions;

        public override async Task<int> RunAsync(TaskActivityContext context, object? input)
        {
            var count = Interlocked.Increment(ref Executions);
            await Task.Delay(TimeSpan.FromSeconds(13));
            return count;
        }
    }
}
