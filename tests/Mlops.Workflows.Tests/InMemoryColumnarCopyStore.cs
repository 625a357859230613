using System.Collections.Concurrent;
using Mlops.Core.Datasets.Columnar;

namespace Mlops.Workflows.Tests;

/// <summary>Typed copies held in memory, shared by the "processes" of a test as the blob container is in Azure.</summary>
internal sealed class InMemoryColumnarCopyStore : IColumnarCopyStore
{
    private readonly ConcurrentDictionary<string, byte[]> copies = new(StringComparer.Ordinal);

    private int hits;

    public int Count => copies.Count;

    /// <summary>Copies read (opened when present).</summary>
    public int Hits => hits;

    public long Length(string name) => copies.TryGetValue(name, out var bytes) ? bytes.Length : -1;

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken)
    {
        if (!copies.TryGetValue(name, out var bytes))
        {
            return Task.FromResult<Stream?>(null);
        }

        Interlocked.Increment(ref hits);
        return Task.FromResult<Stream?>(new MemoryStream(bytes, writable: false));
    }

    public async Task WriteAsync(string name, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        copies[name] = copy.ToArray();
    }
}
