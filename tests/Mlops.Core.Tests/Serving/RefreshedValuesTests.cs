using System.Collections.Concurrent;
using Mlops.Core.Serving;

namespace Mlops.Core.Tests.Serving;

public sealed class RefreshedValuesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly MovableClock clock = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<TaskCompletionSource<int>> reads = new();
    private readonly ConcurrentQueue<string> failures = new();

    [Fact]
    public async Task AnExpiredValue_KeepsAnswering_WhileOneBackgroundReadReplacesIt()
    {
        var values = Values(Interval);
        Assert.Equal(1, await ReadThroughAsync(values, "m", 1));

        clock.Advance(Interval);
        var during = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => values.GetAsync("m", CancellationToken.None).AsTask()));

        // Thirty-two requests after expiry: none waited, and they started one read between them.
        Assert.All(during, v => Assert.Equal(1, v));
        await WaitForReadsAsync(2);
        Assert.Equal(2, reads.Count);
        Complete(2);
        await Eventually(async () => await values.GetAsync("m", CancellationToken.None) == 2);
        Assert.Equal(2, reads.Count);
    }

    [Fact]
    public async Task AFailedBackgroundRead_LeavesTheOldValue_SaysSo_AndIsTriedAgain()
    {
        var values = Values(Interval);
        Assert.Equal(7, await ReadThroughAsync(values, "m", 7));

        clock.Advance(Interval);
        Assert.Equal(7, await values.GetAsync("m", CancellationToken.None));
        await WaitForReadsAsync(2);
        reads.Last().SetException(new TimeoutException("storage is slow"));
        await Eventually(() => Task.FromResult(failures.Contains("m: storage is slow")));

        await Eventually(async () => await values.GetAsync("m", CancellationToken.None) == 7 && reads.Count == 3);
    }

    [Fact]
    public async Task WithAZeroInterval_EveryCallReads()
    {
        var values = Values(TimeSpan.Zero);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(i, await ReadThroughAsync(values, "m", i));
        }

        Assert.Equal(3, reads.Count);
    }

    [Fact]
    public async Task AForgottenKey_IsReadByTheNextCall_AndKeysAreSeparate()
    {
        var values = Values(Interval);
        Assert.Equal(1, await ReadThroughAsync(values, "a", 1));
        Assert.Equal(2, await ReadThroughAsync(values, "b", 2));

        values.Forget("a");
        Assert.Equal(3, await ReadThroughAsync(values, "a", 3));
        Assert.Equal(2, await values.GetAsync("b", CancellationToken.None));
    }

    private RefreshedValues<int> Values(TimeSpan interval) => new(
        (_, _) =>
        {
            var read = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            reads.Enqueue(read);
            return read.Task;
        },
        clock,
        () => interval,
        (key, e) => failures.Enqueue($"{key}: {e.Message}"));

    private void Complete(int value) => reads.Last().TrySetResult(value);

    /// <summary>A call that has to read: the read it starts is answered with <paramref name="value"/>.</summary>
    private async Task<int> ReadThroughAsync(RefreshedValues<int> values, string key, int value)
    {
        var call = values.GetAsync(key, CancellationToken.None);
        Complete(value);
        return await call;
    }

    private async Task WaitForReadsAsync(int count) => await Eventually(() => Task.FromResult(reads.Count >= count));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(10);
        }
    }

    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
