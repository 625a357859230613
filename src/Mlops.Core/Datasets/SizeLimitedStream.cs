using System.Globalization;
using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>
/// A forward-only view of a dataset that fails the read once it passes the size limit, so that streaming
/// validation accepts exactly what training can load.
/// </summary>
internal sealed class SizeLimitedStream(Stream source, long limit) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public static string TooLargeMessage(long limit) => string.Create(CultureInfo.InvariantCulture,
        $"The dataset is larger than the {limit:N0}-byte limit (Ingestion__MaxDatasetBytes).");

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = source.Read(buffer);
        return Count(count);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var count = await source.ReadAsync(buffer, cancellationToken);
        return Count(count);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await source.DisposeAsync();
        await base.DisposeAsync();
    }

    private int Count(int count)
    {
        read += count;
        if (read > limit)
        {
            throw new CsvReadFault(ValidationRules.DatasetTooLarge, TooLargeMessage(limit));
        }

        return count;
    }
}
