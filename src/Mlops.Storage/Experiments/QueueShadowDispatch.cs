using System.Threading.Channels;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;
using Mlops.Core.Telemetry;

namespace Mlops.Storage.Experiments;

/// <summary>
/// Predict hands shadow rows to an in-memory backlog and returns; this service sends them to the shadow queue in the
/// background, the requests of each short interval gathered into as few messages as fit. Shadow traffic is best-effort by design: a full backlog, a row too large for a message or a queue that
/// keeps failing drops rows (counted in mlops.shadow.dropped and logged), and an instance that stops loses its backlog.
/// The experiment then has fewer shadow samples, never a wrong one.
/// </summary>
public sealed class QueueShadowDispatch : BackgroundService, IShadowDispatch
{
    private const int SendAttempts = 3;

    /// <summary>The most requests gathered into one send round, so a flood is sent as it comes, not hoarded.</summary>
    private const int MaxGathered = 1_000;

    /// <summary>Requests arriving within this wait travel together: one message for many requests, not one each.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(50);

    private readonly Channel<ShadowRequest> backlog;
    private readonly QueueClient queue;
    private readonly TimeProvider clock;
    private readonly ILogger<QueueShadowDispatch> logger;

    public QueueShadowDispatch(StorageClients clients, IOptions<ServingOptions> options, TimeProvider clock, ILogger<QueueShadowDispatch> logger)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        backlog = Channel.CreateBounded<ShadowRequest>(new BoundedChannelOptions(options.Value.ShadowBacklog)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        queue = clients.QueueService.GetQueueClient(StorageNames.ShadowQueue);
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>Never blocks: with the Wait mode, TryWrite refuses at once when the backlog is full.</summary>
    public bool TryEnqueue(ShadowRequest request) => backlog.Writer.TryWrite(request);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gathered = new List<ShadowRequest>();
        while (await backlog.Reader.WaitToReadAsync(stoppingToken))
        {
            await Task.Delay(Linger, clock, stoppingToken);
            while (gathered.Count < MaxGathered && backlog.Reader.TryRead(out var request))
            {
                gathered.Add(request);
            }

            foreach (var group in gathered.GroupBy(r => (r.Model, r.ExperimentId, r.ChallengerVersion)))
            {
                var merged = new ShadowRequest(group.Key.Model, group.Key.ExperimentId, group.Key.ChallengerVersion, [.. group.SelectMany(r => r.Rows)]);
                var (messages, tooLarge) = ShadowMessages.Write(merged);
                if (tooLarge > 0)
                {
                    Dropped(merged.Model, tooLarge, "size", null);
                }

                foreach (var message in messages)
                {
                    await SendAsync(merged, message, stoppingToken);
                }
            }

            gathered.Clear();
        }
    }

    private async Task SendAsync(ShadowRequest request, string message, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await queue.SendMessageAsync(message, stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (attempt == SendAttempts)
                {
                    Dropped(request.Model, ShadowMessages.Read(message).Rows.Count, "send", e);
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), clock, stoppingToken);
            }
        }
    }

    private void Dropped(string model, int rows, string reason, Exception? exception)
    {
        MlopsTelemetry.ShadowDropped.Add(rows, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("reason", reason));
        logger.ShadowRowsDropped(model, rows, reason, exception);
    }
}
