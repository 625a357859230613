namespace Mlops.Core.Datasets;

/// <summary>Reads characters already taken from a reader (to detect the dialect), then the rest of that reader.</summary>
internal sealed class PrefixedTextReader(ReadOnlyMemory<char> prefix, TextReader rest) : TextReader
{
    private ReadOnlyMemory<char> prefix = prefix;

    public override int Peek() => prefix.IsEmpty ? rest.Peek() : prefix.Span[0];

    public override int Read()
    {
        if (prefix.IsEmpty)
        {
            return rest.Read();
        }

        var c = prefix.Span[0];
        prefix = prefix[1..];
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer) => prefix.IsEmpty ? rest.Read(buffer) : MemoryPrefix.Take(ref prefix, buffer);

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => Task.FromResult(Read(buffer, index, count));

    public override ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            rest.Dispose();
        }

        base.Dispose(disposing);
    }
}
