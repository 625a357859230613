using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.DevHost;
using Mlops.DevHost.Functions;
using Mlops.DevHost.Queues;
using Mlops.Storage;
using Mlops.Testing;

namespace Mlops.Functions.Tests.DevHost;

/// <summary>The DevHost's queue trigger on Azurite: each message reaches the function; a failing one is retried, then poisoned.</summary>
public sealed class QueueRunnerTests
{
    [Fact]
    public async Task EachMessageIsHandled_AndOneThatAlwaysFails_EndsInThePoisonQueueAfterFiveAttempts()
    {
        var name = $"runner{Guid.NewGuid():N}"[..24];
        var connection = await AzuriteInstance.ConnectionStringAsync();
        var clients = new StorageClients(Options.Create(new StorageOptions { ConnectionString = connection }));
        var queue = clients.QueueService.GetQueueClient(name);
        await queue.CreateAsync();
        foreach (var text in new[] { "one", "fail", "two" })
        {
            await queue.SendMessageAsync(text);
        }

        var services = new ServiceCollection().AddSingleton<RecordingQueueFunction>().BuildServiceProvider();
        var recorder = services.GetRequiredService<RecordingQueueFunction>();
        var function = new QueueFunction("Recording", typeof(RecordingQueueFunction), typeof(RecordingQueueFunction).GetMethod(nameof(RecordingQueueFunction.Run))!, name);
        using var runner = new QueueRunner(services, clients, function, Options.Create(new DevHostOptions { QueueMaxPollMilliseconds = 200 }), NullLogger<QueueRunner>.Instance);
        await runner.StartAsync(CancellationToken.None);
        var poison = clients.QueueService.GetQueueClient(name + "-poison");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(60) && !(await poison.ExistsAsync() && (await poison.PeekMessagesAsync()).Value.Length > 0))
        {
            await Task.Delay(200);
        }

        await runner.StopAsync(CancellationToken.None);

        Assert.Equal(["one", "two"], recorder.Handled.Order());
        Assert.Equal(QueueRunner.MaxAttempts, recorder.Failures);
        Assert.Equal("fail", Assert.Single((await poison.PeekMessagesAsync()).Value).MessageText);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
    }

    public sealed class RecordingQueueFunction
    {
        private readonly List<string> handled = [];

        public IReadOnlyList<string> Handled
        {
            get
            {
                lock (handled)
                {
                    return [.. handled];
                }
            }
        }

        public int Failures { get; private set; }

        public Task Run(string message, CancellationToken cancellationToken)
        {
            if (message == "fail")
            {
                Failures++;
                throw new InvalidOperationException("This message always fails.");
            }

            lock (handled)
            {
                handled.Add(message);
            }

            return Task.CompletedTask;
        }
    }
}
