using Microsoft.AspNetCore.Http;

namespace Mlops.Functions.Http;

/// <summary>Reads a small body (JSON, a spec) into memory, refusing more than a bound before reading it all.</summary>
public static class RequestBytes
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, BodyLimit limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limit);
        if (request.ContentLength > limit.Bytes)
        {
            throw limit.Exceeded();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit.Bytes)
                {
                    throw limit.Exceeded();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (BodyLimit.IsServerRefusal(e))
        {
            throw limit.Exceeded();
        }

        return buffer.ToArray();
    }
}
