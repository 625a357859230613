using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Serving;
using Mlops.Core.Telemetry;

namespace Mlops.Storage.Serving;

/// <summary>
/// The prediction log's write side: predict puts its predictions in a bounded in-memory buffer and answers; this
/// service writes them every <see cref="ServingOptions.LogFlushMilliseconds"/> in batched Table transactions spread
/// over the model's partitions, then tells <see cref="IPredictionsWritten"/> so early labels are joined. A full buffer
/// makes requests wait or drops (and counts) their predictions, per <see cref="ServingOptions.LogWhenFull"/>. A graceful
/// stop writes everything buffered; a crash loses what was buffered (the last interval's predictions and the batch in
/// flight), which is the documented bound.
/// </summary>
public sealed partial class BufferedPredictionWriter : IHostedService, IPredictionRecorder, IDisposable
{
    /// <summary>The most predictions written in one round: 16 partitions of up to 100-row transactions.</summary>
    public const int MaxBatchRows = 1_600;

    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromSeconds(30);

    private readonly Channel<PredictionRecord> buffer;
    private readonly IPredictionLog log;
    private readonly IEnumerable<IPredictionsWritten> observers;
    private readonly TimeProvider clock;
    private readonly ILogger<BufferedPredictionWriter> logger;
    private readonly TimeSpan flushInterval;
    private readonly bool dropWhenFull;
    private readonly CancellationTokenSource hurry = new();
    private Task? draining;
    private long buffered;
    private long written;
    private volatile bool stopping;

    public BufferedPredictionWriter(
        IPredictionLog log,
        IEnumerable<IPredictionsWritten> observers,
        IOptions<ServingOptions> options,
        TimeProvider clock,
        ILogger<BufferedPredictionWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        buffer = Channel.CreateBounded<PredictionRecord>(new BoundedChannelOptions(settings.LogBufferRows)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        this.log = log;
        this.observers = observers;
        this.clock = clock;
        this.logger = logger;
        flushInterval = TimeSpan.FromMilliseconds(settings.LogFlushMilliseconds);
        dropWhenFull = settings.LogWhenFull == "drop";
        MlopsTelemetry.Meter.CreateObservableGauge("mlops.predictions.log.buffered", () => Buffered, unit: "{prediction}", description: "Predictions waiting to be written to the log.");
    }

    /// <summary>Predictions accepted and not written yet: what a crash now would lose.</summary>
    public long Buffered => Interlocked.Read(ref buffered);

    /// <summary>Predictions written since start.</summary>
    public long Written => Interlocked.Read(ref written);

    public async ValueTask RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        var dropped = 0;
        foreach (var prediction in predictions)
        {
            if (buffer.Writer.TryWrite(prediction))
            {
                Interlocked.Increment(ref buffered);
            }
            else if (dropWhenFull || stopping)
            {
                dropped++;
            }
            else
            {
                await buffer.Writer.WriteAsync(prediction, cancellationToken);
                Interlocked.Increment(ref buffered);
            }
        }

        if (dropped > 0)
        {
            MlopsTelemetry.PredictionLogDropped.Add(dropped, new KeyValuePair<string, object?>("model", predictions[0].Model), new KeyValuePair<string, object?>("reason", stopping ? "stopping" : "full"));
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Not BackgroundService: its loop may never start when the host stops at once, and a stop must still write.
        draining = Task.Run(DrainAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Writes everything buffered, then ends; the host's shutdown timeout bounds the wait.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        stopping = true;
        buffer.Writer.TryComplete();
        await hurry.CancelAsync();
        await (draining ?? DrainAsync()).WaitAsync(cancellationToken);
    }

    public void Dispose() => hurry.Dispose();

    private async Task DrainAsync()
    {
        var batch = new List<PredictionRecord>(MaxBatchRows);
        while (await buffer.Reader.WaitToReadAsync(CancellationToken.None))
        {
            if (!stopping && buffer.Reader.Count < MaxBatchRows)
            {
                try
                {
                    await Task.Delay(flushInterval, clock, hurry.Token);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: write at once what is left.
                }
            }

            while (batch.Count < MaxBatchRows && buffer.Reader.TryRead(out var prediction))
            {
                batch.Add(prediction);
            }

            await WriteAsync(batch);
            Interlocked.Add(ref buffered, -batch.Count);
            batch.Clear();
        }
    }

    /// <summary>
    /// Writes a batch, retrying while storage is out of reach (the buffer fills meanwhile, and requests wait or drop);
    /// a batch the service refuses outright is written row by row so one bad row does not lose its neighbours.
    /// </summary>
    private async Task WriteAsync(List<PredictionRecord> batch)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.RecordAsync(batch, CancellationToken.None);
                Interlocked.Add(ref written, batch.Count);
                break;
            }
            catch (RequestFailedException e) when (e.Status is >= 400 and < 500 and not 408 and not 429)
            {
                await WriteOneByOneAsync(batch);
                break;
            }
            catch (Exception e) when (!stopping || attempt < 5)
            {
                WriteRetried(logger, batch.Count, attempt, e.Message);
                await Task.Delay(wait, clock, CancellationToken.None);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetryWait.Ticks));
            }
            catch (Exception e)
            {
                Lost(batch, "unwritten", e);
                return;
            }
        }

        foreach (var observer in observers)
        {
            try
            {
                await observer.OnWrittenAsync(batch, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Joining early labels is a courtesy to them; the predictions are written either way.
                ObserverFailed(logger, e);
            }
        }
    }

    private async Task WriteOneByOneAsync(List<PredictionRecord> batch)
    {
        foreach (var prediction in batch)
        {
            try
            {
                await log.RecordAsync([prediction], CancellationToken.None);
                Interlocked.Increment(ref written);
            }
            catch (RequestFailedException e) when (e.Status is >= 400 and < 500)
            {
                Lost([prediction], "refused", e);
            }
        }
    }

    private void Lost(List<PredictionRecord> predictions, string reason, Exception exception)
    {
        MlopsTelemetry.PredictionLogDropped.Add(predictions.Count, new KeyValuePair<string, object?>("model", predictions[0].Model), new KeyValuePair<string, object?>("reason", reason));
        PredictionsLost(logger, predictions.Count, reason, exception);
    }

    [LoggerMessage(EventId = 530, Level = LogLevel.Warning, Message = "Writing {Count} predictions to the log failed (attempt {Attempt}); retrying: {Reason}")]
    private static partial void WriteRetried(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 531, Level = LogLevel.Error, Message = "{Count} predictions were not written to the log ({Reason})")]
    private static partial void PredictionsLost(ILogger logger, int count, string reason, Exception exception);

    [LoggerMessage(EventId = 532, Level = LogLevel.Warning, Message = "Joining labels to newly written predictions failed")]
    private static partial void ObserverFailed(ILogger logger, Exception exception);
}
