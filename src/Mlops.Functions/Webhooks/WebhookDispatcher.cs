using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mlops.Core.Webhooks;

namespace Mlops.Functions.Webhooks;

/// <summary>
/// Delivers a model's webhooks soon after its log grows, off the path that appended the event: a failing receiver
/// costs this background loop time, never a run, a promotion or a request. One delivery per model at a time in this
/// process (signals that arrive meanwhile make it go round once more); a webhook backing off is signalled again when
/// its backoff ends. After a crash, the <see cref="Timers.WebhookDispatchFunction"/> sweep catches up.
/// </summary>
public sealed partial class WebhookDispatcher(WebhookSignal signal, WebhookDeliverer deliverer, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, Requests> requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> wakeUps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var model in signal.Reader.ReadAllAsync(stoppingToken))
            {
                var pending = requests.GetOrAdd(model, _ => new Requests());
                if (Interlocked.Increment(ref pending.Count) == 1)
                {
                    Track(DeliverAsync(model, pending, stoppingToken));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is undelivered stays behind its cursor for the next start or another instance.
        }
        finally
        {
            await Task.WhenAll(running.Keys);
        }
    }

    private async Task DeliverAsync(string model, Requests pending, CancellationToken stoppingToken)
    {
        // Let the loop that signalled go on before any I/O.
        await Task.Yield();
        int seen;
        do
        {
            seen = Volatile.Read(ref pending.Count);
            try
            {
                if (await deliverer.DeliverAsync(model, stoppingToken) is { } retryAt)
                {
                    WakeUpAt(model, retryAt, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage out of reach or a bug: the cursor is unchanged, and the sweep tries again.
                DispatchFailed(logger, model, e);
            }
        }
        while (Interlocked.Add(ref pending.Count, -seen) != 0);
    }

    private void WakeUpAt(string model, DateTimeOffset at, CancellationToken stoppingToken)
    {
        // One wake-up per model, the earliest asked for.
        var scheduled = wakeUps.AddOrUpdate(model, at, (_, existing) => existing <= at ? existing : at);
        if (scheduled == at)
        {
            Track(SignalLaterAsync(model, at, stoppingToken));
        }
    }

    private async Task SignalLaterAsync(string model, DateTimeOffset at, CancellationToken stoppingToken)
    {
        try
        {
            var wait = at - clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        wakeUps.TryRemove(new KeyValuePair<string, DateTimeOffset>(model, at));
        signal.Appended(model);
    }

    private void Track(Task task)
    {
        running[task] = true;
        _ = task.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    [LoggerMessage(EventId = 720, Level = LogLevel.Error, Message = "Webhook delivery of {Model} failed; the sweep will try again")]
    private static partial void DispatchFailed(ILogger logger, string model, Exception exception);

    private sealed class Requests
    {
        public int Count;
    }
}
