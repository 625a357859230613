using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Mlops.Functions.Http;

/// <summary>Reads a small body (JSON, a spec) into memory, refusing more than a bound before reading it all.</summary>
public static class RequestBytes
{
    /// <summary>Chunk size for a body of unknown length; the pool's, so a request allocates no read buffer of its own.</summary>
    private const int ChunkBytes = 16 * 1024;

    /// <remarks>
    /// Predict runs this on every request: a body of known length is read straight into an array of its size (one
    /// allocation, the one the JSON parser keeps); a chunked one through a pooled chunk.
    /// </remarks>
    public static async Task<byte[]> ReadAsync(HttpRequest request, BodyLimit limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limit);
        if (request.ContentLength > limit.Bytes)
        {
            throw limit.Exceeded();
        }

        try
        {
            return request.ContentLength is { } length
                ? await ReadKnownAsync(request.Body, (int)length, cancellationToken)
                : await ReadChunkedAsync(request.Body, limit, cancellationToken);
        }
        catch (Exception e) when (BodyLimit.IsServerRefusal(e))
        {
            throw limit.Exceeded();
        }
    }

    private static async Task<byte[]> ReadKnownAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = length == 0 ? [] : new byte[length];
        var read = await body.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken);

        // The server enforces Content-Length, so a short body is a client gone mid-request: what arrived is what there is.
        return read == length ? bytes : bytes[..read];
    }

    private static async Task<byte[]> ReadChunkedAsync(Stream body, BodyLimit limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit.Bytes)
                {
                    throw limit.Exceeded();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
