using System.Globalization;
using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>
/// A view of a dataset that fails the read once it passes the size limit, so that streaming validation accepts exactly
/// what training can load. Forward-only over a stream of unknown length; over a seekable one (a blob, which Parquet's
/// footer needs) it seeks as the source does and fails the first read when the whole is over the limit.
/// </summary>
internal sealed class SizeLimitedStream(Stream source, long limit) : Stream
{
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => source.CanSeek;

    public override bool CanWrite => false;

    public override long Length => source.CanSeek ? source.Length : throw new NotSupportedException();

    public override long Position
    {
        get => source.CanSeek ? source.Position : throw new NotSupportedException();
        set => source.Position = source.CanSeek ? value : throw new NotSupportedException();
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

    public override long Seek(long offset, SeekOrigin origin) => source.CanSeek ? source.Seek(offset, origin) : throw new NotSupportedException();

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
        if (source.CanSeek ? source.Length > limit : read > limit)
        {
            throw new CsvReadFault(ValidationRules.DatasetTooLarge, TooLargeMessage(limit));
        }

        return count;
    }
}
