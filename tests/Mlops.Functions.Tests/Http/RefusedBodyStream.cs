using Microsoft.AspNetCore.Http;

namespace Mlops.Functions.Tests.Http;

/// <summary>A body the server refuses on the first read, as Kestrel does past its own MaxRequestBodySize.</summary>
internal sealed class RefusedBodyStream : MemoryStream
{
    public override int Read(byte[] buffer, int offset, int count) =>
        throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
}
