using System.Globalization;
using Microsoft.AspNetCore.Http;
using Mlops.Core.Errors;

namespace Mlops.Functions.Http;

/// <summary>Reads a whole body into memory, refusing more than a bound before reading it all.</summary>
public static class RequestBytes
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static MlopsException TooLarge(long maxBytes) => new(
        MlopsErrorCode.PayloadTooLarge,
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {maxBytes:N0}-byte limit."));
}
