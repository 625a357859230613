using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mlops.Core.Experiments;
using Mlops.Core.Serving;
using Mlops.Storage.Serving;

namespace Mlops.Storage.Tests.Serving;

/// <summary>The prediction log's background writer against Azurite: nothing lost on a graceful stop, drops counted, back-pressure when asked, and a crash bounded.</summary>
public sealed class BufferedPredictionWriterTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EveryAcceptedPrediction_IsWritten_ByAGracefulStop_InFewSegments()
    {
        var model = TestModels.Unique("buffered");
        using var writer = Writer(fixture.Get<IPredictionLog>(), new ServingOptions { LogFlushMilliseconds = 50 });
        await writer.StartAsync(CancellationToken.None);
        for (var round = 0; round < 25; round++)
        {
            await writer.RecordAsync([.. Enumerable.Range(0, 200).Select(i => Prediction(model, (round * 200) + i))], CancellationToken.None);
        }

        await writer.StopAsync(CancellationToken.None);

        Assert.Equal(5_000, writer.Written);
        Assert.Equal(0, writer.Buffered);
        Assert.Equal(5_000, await CountLogged(model));
        var segments = 0;
        await foreach (var _ in fixture.Clients.Container(StorageNames.PredictionsContainer).GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = model + "/" }))
        {
            segments++;
        }

        // One storage call per write of the batch, not one per prediction.
        Assert.InRange(segments, 1, 50);
        var some = Prediction(model, 4_321);
        Assert.Equal(some.PredictionId, (await fixture.Get<IPredictionLog>().GetAsync(model, some.PredictionId, CancellationToken.None))!.PredictionId);
    }

    [Fact]
    public async Task AFullBuffer_InDropMode_AnswersAtOnce_AndCountsWhatItDropped()
    {
        var model = TestModels.Unique("dropped");
        using var writer = Writer(fixture.Get<IPredictionLog>(), new ServingOptions { LogBufferRows = 100, LogWhenFull = "drop" });
        using var dropped = new DroppedCounter(model);

        // Not started: nothing drains, so the buffer holds 100 and the rest does not fit.
        await writer.RecordAsync([.. Enumerable.Range(0, 150).Select(i => Prediction(model, i))], CancellationToken.None);

        Assert.Equal(100, writer.Buffered);
        Assert.Equal(50, dropped.Total);
    }

    [Fact]
    public async Task AFullBuffer_InWaitMode_HoldsTheRequest_UntilTheWriterMakesRoom()
    {
        var model = TestModels.Unique("waiting");
        using var writer = Writer(fixture.Get<IPredictionLog>(), new ServingOptions { LogBufferRows = 100, LogFlushMilliseconds = 10 });

        var recording = writer.RecordAsync([.. Enumerable.Range(0, 150).Select(i => Prediction(model, i))], CancellationToken.None).AsTask();
        await Task.Delay(300);
        Assert.False(recording.IsCompleted);

        await writer.StartAsync(CancellationToken.None);
        await recording.WaitAsync(TimeSpan.FromSeconds(20));
        await writer.StopAsync(CancellationToken.None);
        Assert.Equal(150, writer.Written);
    }

    [Fact]
    public async Task AWriterKilledMidBatch_LosesExactlyWhatWasBuffered_TheBatchInFlightAndWhatCameAfter()
    {
        var model = TestModels.Unique("killed");
        var gated = new GatedLog(fixture.Get<IPredictionLog>(), blockCall: 2);
        using var writer = Writer(gated, new ServingOptions { LogFlushMilliseconds = 50 });
        await writer.StartAsync(CancellationToken.None);

        await writer.RecordAsync([.. Enumerable.Range(0, 500).Select(i => Prediction(model, i))], CancellationToken.None);
        await WaitUntil(() => writer.Written == 500);
        await writer.RecordAsync([.. Enumerable.Range(500, 500).Select(i => Prediction(model, i))], CancellationToken.None);
        await gated.Blocked.WaitAsync(TimeSpan.FromSeconds(20));
        await writer.RecordAsync([.. Enumerable.Range(1_000, 300).Select(i => Prediction(model, i))], CancellationToken.None);

        // The crash: the process ends here, with a batch in its transaction and 300 more in memory.
        var lost = writer.Buffered;
        var stored = await CountLogged(model);

        Assert.Equal(500, stored);
        Assert.Equal(1_300 - stored, lost);
        Assert.True(lost <= BufferedPredictionWriter.MaxBatchRows + 300, $"{lost} lost");
        gated.Release();
        await writer.StopAsync(CancellationToken.None);
    }

    private static BufferedPredictionWriter Writer(IPredictionLog log, ServingOptions options) =>
        new(log, [], Options.Create(options), TimeProvider.System, NullLogger<BufferedPredictionWriter>.Instance);

    /// <summary>A prediction whose id is the one predict would make at At + i ms, with i as its random bits: the same for the same i.</summary>
    private static PredictionRecord Prediction(string model, int i)
    {
        var id = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{At.AddMilliseconds(i).ToUnixTimeMilliseconds():x12}7000{8:x1}{i:x15}");
        return new(model, id, 1, "champion", At, $$"""{"x":{{i}}}""", "yes", 0.9, null);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "The condition was not met within 20 s.");
    }

    private async Task<int> CountLogged(string model)
    {
        var count = 0;
        await foreach (var _ in fixture.Get<IPredictionLog>().ReadRangeAsync(model, At.AddHours(-1), At.AddHours(1), CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    /// <summary>The real log, whose n-th write hangs until released: a batch caught in flight.</summary>
    private sealed class GatedLog(IPredictionLog inner, int blockCall) : IPredictionLog
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource blocked = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int calls;

        public Task Blocked => blocked.Task;

        public void Release() => release.TrySetResult();

        public IPredictionBatch CreateBatch() => inner.CreateBatch();

        public async Task WriteAsync(IPredictionBatch batch, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == blockCall)
            {
                blocked.TrySetResult();
                await release.Task;
                throw new OperationCanceledException("The process ended.");
            }

            await inner.WriteAsync(batch, cancellationToken);
        }

        public Task RecordAsync(IReadOnlyList<PredictionRecord> predictions, CancellationToken cancellationToken) => inner.RecordAsync(predictions, cancellationToken);

        public Task<PredictionRecord?> GetAsync(string model, string predictionId, CancellationToken cancellationToken) => inner.GetAsync(model, predictionId, cancellationToken);

        public Task<ExperimentServing> ServingAsync(string model, string experimentId, CancellationToken cancellationToken) => inner.ServingAsync(model, experimentId, cancellationToken);

        public IAsyncEnumerable<PredictionRecord> ReadRangeAsync(string model, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
            inner.ReadRangeAsync(model, since, until, cancellationToken);
    }

    private sealed class DroppedCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long total;

        public DroppedCounter(string model)
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "mlops.predictions.log.dropped")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "model" && (string?)tag.Value == model)
                    {
                        Interlocked.Add(ref total, value);
                    }
                }
            });
            listener.Start();
        }

        public long Total => Interlocked.Read(ref total);

        public void Dispose() => listener.Dispose();
    }
}
