using System.Buffers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Mlops.Functions.Http;

/// <summary>
/// An upload's body read once: spooled to a temporary file while its SHA-256 is computed, refused as soon as it
/// passes the limit. Memory stays bounded whatever the size (a 100 MB upload would otherwise be held, and copied,
/// in memory), and the file is deleted when the spool is disposed or the read fails.
/// </summary>
public sealed class UploadSpool : IAsyncDisposable
{
    private const int BufferBytes = 81920;

    private readonly FileStream file;

    private UploadSpool(FileStream file, string sha256)
    {
        this.file = file;
        Sha256 = sha256;
    }

    /// <summary>The body's lower-case hex SHA-256.</summary>
    public string Sha256 { get; }

    /// <summary>The body, positioned at its start.</summary>
    public Stream Content => file;

    /// <param name="directory">Where the temporary file goes; the system's temporary directory unless a test says.</param>
    public static async Task<UploadSpool> ReadAsync(HttpRequest request, BodyLimit limit, CancellationToken cancellationToken, string? directory = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limit);
        if (request.ContentLength > limit.Bytes)
        {
            throw limit.Exceeded();
        }

        // DeleteOnClose: the file goes with its handle on every path out of here and out of the function; only a
        // killed process leaves one behind, in the temporary directory.
        var path = Path.Combine(directory ?? Path.GetTempPath(), $"mlops-upload-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferBytes, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(0, BufferBytes), cancellationToken)) > 0)
            {
                total += read;
                if (total > limit.Bytes)
                {
                    throw limit.Exceeded();
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new UploadSpool(file, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
        catch (Exception e) when (BodyLimit.IsServerRefusal(e))
        {
            await file.DisposeAsync();
            throw limit.Exceeded();
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public ValueTask DisposeAsync() => file.DisposeAsync();
}
