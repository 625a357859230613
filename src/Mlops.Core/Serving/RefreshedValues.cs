using System.Collections.Concurrent;

namespace Mlops.Core.Serving;

/// <summary>
/// A value per key read from storage at most once per interval, and never waited for once a key has one: an expired
/// value keeps answering while a single background read replaces it (stale while revalidate). Only a key's first read is
/// awaited, and every read when the interval is zero. A background read that fails leaves the old value answering and
/// is tried again by the next request.
/// </summary>
/// <remarks>
/// Predict reads the champion alias and the open experiment this way: when a cached value expired, the 32 requests in
/// flight used to each wait for their own storage read, and under load those reads were the tail of the latency.
/// </remarks>
public sealed class RefreshedValues<TValue>(
    Func<string, CancellationToken, Task<TValue>> read,
    TimeProvider clock,
    Func<TimeSpan> interval,
    Action<string, Exception> refreshFailed)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> refreshing = new(StringComparer.Ordinal);

    public async ValueTask<TValue> GetAsync(string key, CancellationToken cancellationToken)
    {
        var every = interval();
        if (every > TimeSpan.Zero && entries.TryGetValue(key, out var entry))
        {
            if (clock.GetUtcNow() - entry.ReadAt >= every && refreshing.TryAdd(key, 0))
            {
                _ = Task.Run(() => RefreshAsync(key), CancellationToken.None);
            }

            return entry.Value;
        }

        var value = await read(key, cancellationToken);
        entries[key] = new Entry(value, clock.GetUtcNow());
        return value;
    }

    /// <summary>Drops a key's value, so the next request reads it (this instance made a change and must see it at once).</summary>
    public void Forget(string key) => entries.TryRemove(key, out _);

    private async Task RefreshAsync(string key)
    {
        try
        {
            var value = await read(key, CancellationToken.None);
            entries[key] = new Entry(value, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            refreshFailed(key, e);
        }
        finally
        {
            refreshing.TryRemove(key, out _);
        }
    }

    private sealed record Entry(TValue Value, DateTimeOffset ReadAt);
}
