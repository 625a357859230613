namespace Mlops.Core;

/// <summary>
/// Work repeated in the background on a period until disposed. Disposing stops the timer and waits for a run in
/// flight, so nothing the work touches is used after it (a lease renewal never races the delete that follows).
/// The work handles its own failures: one that escapes ends the loop and surfaces on dispose.
/// </summary>
public sealed class PeriodicWork : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private PeriodicWork(Func<CancellationToken, Task> work, TimeSpan every, TimeProvider clock, bool runAtStart) =>
        loop = RunAsync(work, every, clock, runAtStart);

    /// <param name="runAtStart">Run once now, before the first period has passed.</param>
    public static PeriodicWork Start(Func<CancellationToken, Task> work, TimeSpan every, TimeProvider clock, bool runAtStart)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(clock);
        return new PeriodicWork(work, every, clock, runAtStart);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loop.
        }

        stop.Dispose();
    }

    private async Task RunAsync(Func<CancellationToken, Task> work, TimeSpan every, TimeProvider clock, bool runAtStart)
    {
        if (runAtStart)
        {
            await work(stop.Token);
        }

        using var timer = new PeriodicTimer(every, clock);
        while (await timer.WaitForNextTickAsync(stop.Token))
        {
            await work(stop.Token);
        }
    }
}
