using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mlops.Core.Errors;
using Mlops.Core.Serving;
using Mlops.Core.Telemetry;

namespace Mlops.Storage.Serving;

/// <summary>
/// The prediction log's write side: predict puts its predictions in a bounded in-memory buffer and answers; this
/// service writes them every <see cref="ServingOptions.LogFlushMilliseconds"/> (or as soon as a batch is full) to the
/// log, a few segments per write, then tells <see cref="IPredictionsWritten"/> so early labels are joined. A full buffer
/// makes requests wait or drops (and counts) their predictions, per <see cref="ServingOptions.LogWhenFull"/>. A graceful
/// stop writes everything buffered; a crash loses what was buffered (the last interval's predictions and the batch in
/// flight), which is the documented bound.
/// </summary>
public sealed partial class BufferedPredictionWriter : IHostedService, IPredictionRecorder, IDisposable
{
    /// <summary>
    /// The most predictions written in one round: segments of this size cost the log's storage little per row (about 2.5 MB
    /// of JSON before compression for 30 features) and keep a write's memory bounded.
    /// </summary>
    public const int MaxBatchRows = 10_000;

    private static readonly TimeSpan LongestRetryWait = TimeSpan.FromSeconds(30);

    /// <summary>How often the buffer is emptied into the batch being built.</summary>
    private static readonly TimeSpan DrainPeriod = TimeSpan.FromMilliseconds(10);

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

    /// <remarks>
    /// Takes predictions off the buffer every <see cref="DrainPeriod"/> and encodes them into the batch at once, so a
    /// record lives milliseconds, not a flush interval; the batch is written when the interval has passed since its
    /// first prediction or it is full.
    /// </remarks>
    private async Task DrainAsync()
    {
        while (await buffer.Reader.WaitToReadAsync(CancellationToken.None))
        {
            using var batch = log.CreateBatch();
            var started = clock.GetTimestamp();
            while (true)
            {
                while (batch.Count < MaxBatchRows && buffer.Reader.TryRead(out var prediction))
                {
                    Add(batch, prediction);
                }

                var elapsed = clock.GetElapsedTime(started);
                if (batch.Count >= MaxBatchRows || stopping || elapsed >= flushInterval)
                {
                    break;
                }

                try
                {
                    await Task.Delay(DrainPeriod < flushInterval - elapsed ? DrainPeriod : flushInterval - elapsed, clock, hurry.Token);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: write at once what is left.
                }
            }

            if (batch.Count > 0)
            {
                await WriteAsync(batch);
                Interlocked.Add(ref buffered, -batch.Count);
            }
        }
    }

    private void Add(IPredictionBatch batch, PredictionRecord prediction)
    {
        try
        {
            batch.Add(prediction);
        }
        catch (MlopsException e)
        {
            // A prediction the log cannot file (a model name or id it refuses) is lost alone, never its batch.
            Interlocked.Decrement(ref buffered);
            Lost(new Dictionary<string, int> { [prediction.Model] = 1 }, "refused", e);
        }
    }

    /// <summary>
    /// Writes a batch, retrying while storage is out of reach (the buffer fills meanwhile, and requests wait or drop);
    /// a batch the service refuses outright is lost and counted.
    /// </summary>
    private async Task WriteAsync(IPredictionBatch batch)
    {
        var wait = TimeSpan.FromMilliseconds(200);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.WriteAsync(batch, CancellationToken.None);
                Interlocked.Add(ref written, batch.Count);
                break;
            }
            catch (RequestFailedException e) when (e.Status is >= 400 and < 500 and not 408 and not 429)
            {
                Lost(batch.CountByModel, "refused", e);
                return;
            }
            catch (Exception e) when (!stopping || attempt < 5)
            {
                WriteRetried(logger, batch.Count, attempt, e.Message);
                await Task.Delay(wait, clock, CancellationToken.None);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetryWait.Ticks));
            }
            catch (Exception e)
            {
                Lost(batch.CountByModel, "unwritten", e);
                return;
            }
        }

        if (batch.ExperimentPredictions.Count == 0)
        {
            return;
        }

        foreach (var observer in observers)
        {
            try
            {
                await observer.OnWrittenAsync(batch.ExperimentPredictions, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Joining early labels is a courtesy to them; the predictions are written either way.
                ObserverFailed(logger, e);
            }
        }
    }

    private void Lost(IReadOnlyDictionary<string, int> countByModel, string reason, Exception exception)
    {
        foreach (var (model, count) in countByModel)
        {
            MlopsTelemetry.PredictionLogDropped.Add(count, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("reason", reason));
        }

        PredictionsLost(logger, countByModel.Values.Sum(), reason, exception);
    }

    [LoggerMessage(EventId = 530, Level = LogLevel.Warning, Message = "Writing {Count} predictions to the log failed (attempt {Attempt}); retrying: {Reason}")]
    private static partial void WriteRetried(ILogger logger, int count, int attempt, string reason);

    [LoggerMessage(EventId = 531, Level = LogLevel.Error, Message = "{Count} predictions were not written to the log ({Reason})")]
    private static partial void PredictionsLost(ILogger logger, int count, string reason, Exception exception);

    [LoggerMessage(EventId = 532, Level = LogLevel.Warning, Message = "Joining labels to newly written predictions failed")]
    private static partial void ObserverFailed(ILogger logger, Exception exception);
}
