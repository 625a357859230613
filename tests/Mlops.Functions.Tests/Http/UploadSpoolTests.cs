using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Mlops.Core.Errors;
using Mlops.Functions.Http;

namespace Mlops.Functions.Tests.Http;

public sealed class UploadSpoolTests : IDisposable
{
    private static readonly BodyLimit Limit = new(200_000, "Ingestion__MaxUploadBytes");
    private readonly string directory = Directory.CreateTempSubdirectory("mlops-spool-tests-").FullName;

    [Fact]
    public async Task ReadAsync_ABody_HoldsItWithItsSha256_AndDeletesItsFileOnDispose()
    {
        var content = RandomNumberGenerator.GetBytes(150_000);

        var spool = await UploadSpool.ReadAsync(Request(new NonSeekableStream(content)), Limit, CancellationToken.None, directory);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), spool.Sha256);
        using (var copy = new MemoryStream())
        {
            await spool.Content.CopyToAsync(copy);
            Assert.Equal(content, copy.ToArray());
        }

        Assert.Single(Directory.GetFiles(directory));
        await spool.DisposeAsync();
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task ReadAsync_ABodyOverTheLimit_StopsReadingAtTheLimit_AndLeavesNoFile()
    {
        var body = new EndlessStream();

        var error = await Assert.ThrowsAsync<MlopsException>(() => UploadSpool.ReadAsync(Request(body), Limit, CancellationToken.None, directory));

        Assert.Equal(MlopsErrorCode.PayloadTooLarge, error.Code);
        Assert.InRange(body.BytesRead, Limit.Bytes, Limit.Bytes + (1024 * 1024));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task ReadAsync_TheServerRefusesTheBody_ThrowsPayloadTooLargeNamingTheSetting_AndLeavesNoFile()
    {
        var error = await Assert.ThrowsAsync<MlopsException>(() => UploadSpool.ReadAsync(Request(new RefusedBodyStream()), Limit, CancellationToken.None, directory));

        Assert.Equal(MlopsErrorCode.PayloadTooLarge, error.Code);
        Assert.Contains("200,000-byte limit (Ingestion__MaxUploadBytes)", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public async Task ReadAsync_AContentLengthOverTheLimit_ThrowsBeforeReading()
    {
        var request = Request(new RefusedBodyStream());
        request.ContentLength = Limit.Bytes + 1;

        var error = await Assert.ThrowsAsync<MlopsException>(() => UploadSpool.ReadAsync(request, Limit, CancellationToken.None, directory));

        Assert.Equal(MlopsErrorCode.PayloadTooLarge, error.Code);
        Assert.Empty(Directory.GetFiles(directory));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static HttpRequest Request(Stream body)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        return context.Request;
    }
}
